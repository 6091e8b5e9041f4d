/**
 * Writes `schema/policy.schema.json` from `POLICY_JSON_SCHEMA` (src/policy/policyJsonSchema.ts), the JSON Schema
 * of a release policy that ships with the package:
 *
 *   npx tsx scripts/writePolicySchema.ts          # write the file
 *   npx tsx scripts/writePolicySchema.ts --check  # exit 1 when the committed file differs
 *
 * tests/policy/policyJsonSchema.test.ts fails when the committed file and the object drift apart.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLICY_JSON_SCHEMA } from '../src/policy/policyJsonSchema.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'policy.schema.json');
const text = `${JSON.stringify(POLICY_JSON_SCHEMA, null, 2)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== text) {
    process.stderr.write(`${file} is out of date: run npx tsx scripts/writePolicySchema.ts\n`);
    process.exitCode = 1;
  }
} else {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}
