import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PrikkError } from '../../src/errors/PrikkError.js';
import type { Hierarchy } from '../../src/hierarchy/Hierarchy.js';
import { buildHierarchy } from '../../src/hierarchy/buildHierarchy.js';
import type { HierarchySpec } from '../../src/hierarchy/HierarchySpec.js';
import { loadPolicy } from '../../src/policy/loadPolicy.js';
import { parsePolicy } from '../../src/policy/parsePolicy.js';
import type { Schema } from '../../src/read/Schema.js';
import { hipFractureHierarchies } from '../../examples/hipFracture/hipFractureHierarchies.js';
import { HOSPITALS } from '../../examples/hipFracture/hospitals.js';
import { MUNICIPALITIES } from '../../examples/hipFracture/municipalities.js';
import { BASE_LINES, errorOf, withLines } from './helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'hipFracture', 'policy.yaml');

/** A hierarchy as `{ parent: sorted children }`, so that two builds compare whatever their child order. */
function shape(h: Hierarchy): Record<string, string[]> {
  return Object.fromEntries(Object.entries(h.toJSON() as Record<string, string[]>).map(([k, v]) => [k, [...v].sort()]));
}

describe('the example policy (examples/hipFracture/policy.yaml)', () => {
  it('loads, with one table per method, and its hash is the sha256 of its bytes', async () => {
    const loaded = await loadPolicy(EXAMPLE);
    const { policy } = loaded;
    expect(loaded.file).toBe(resolve(EXAMPLE));
    expect(loaded.dir).toBe(dirname(resolve(EXAMPLE)));
    const bytes = readFileSync(EXAMPLE);
    expect(loaded.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(loaded.text).toBe(bytes.toString('utf8'));
    expect(policy.recipient).toMatch(/Acme/);
    expect(policy.agreement).toBeDefined();
    expect(policy.ledger).toBe('./out/ledger');
    expect(policy.privacyBudget).toEqual({ epsilon: 2 });
    expect(policy.tables.length).toBeGreaterThanOrEqual(5);
    expect(policy.tables.map((t) => Object.keys(t.method)[0])).toEqual(['suppression', 'rounding', 'kAnonymity', 'dp', 'cellKey']);
    const [supp, round, kanon, dp, ck] = policy.tables.map((t) => t.method) as [any, any, any, any, any];
    expect(supp.suppression.rules).toContainEqual({ frequency: { n: 5 } });
    expect(supp.suppression.rules.some((r: object) => 'pPercent' in r || 'dominance' in r)).toBe(true);
    expect(policy.tables[0]!.values).toEqual(['persons', 'sum:cost', 'mean:cost']);
    expect(policy.tables[0]!.personRow).toEqual({ keep: 'first', orderBy: 'year' });
    expect(round.rounding.rule).toBe('nhs');
    expect(kanon.kAnonymity.k).toBe(5);
    expect(policy.tables[2]!.dimensions.length).toBeGreaterThanOrEqual(2);
    expect(policy.tables[2]!.dimensions.length).toBeLessThanOrEqual(3);
    expect(dp.dp.privacy).toEqual({ epsilon: 1 });
    expect(dp.dp.bounds).toEqual({ maxPartitionsPerPerson: 1, maxRowsPerPartition: 1 });
    expect(ck.cellKey.ptable.js).toBe(2);
    expect(ck.cellKey.secret).toEqual({ env: 'PRIKK_CELL_KEY_SECRET' });
    expect(Object.isFrozen(policy) && Object.isFrozen(policy.tables[0]!.method)).toBe(true);
  });

  it('reads the extract as schema.json and extract.csv say (the municipality code list is left to its hierarchy)', async () => {
    const { policy } = await loadPolicy(EXAMPLE);
    const reference = JSON.parse(readFileSync(join(ROOT, 'examples', 'hipFracture', 'schema.json'), 'utf8')) as Schema;
    const header = readFileSync(join(ROOT, 'examples', 'hipFracture', 'extract.csv'), 'utf8').split('\n')[0]!.trim().split(';');
    expect(policy.extract.schema.columns.map((c) => c.name)).toEqual(header);
    for (const c of policy.extract.schema.columns) {
      const ref = reference.columns.find((r) => r.name === c.name)!;
      expect({ ...c, codes: c.name === 'municipality' ? ref.codes : c.codes, type: c.type ?? 'code' }, c.name).toEqual({ ...ref, type: ref.type ?? 'code' });
    }
  });

  it('names the hierarchies that run.ts builds in code (same trees)', async () => {
    const { policy } = await loadPolicy(EXAMPLE);
    const h = hipFractureHierarchies();
    const spec = (name: string): HierarchySpec => policy.hierarchies![name]!;
    const hospitals = HOSPITALS.map((x) => x.code);
    expect(shape(buildHierarchy(spec('hospitals'), hospitals))).toEqual(shape(h.hospital));
    expect(shape(buildHierarchy(spec('municipalities'), MUNICIPALITIES.map((m) => m.code)))).toEqual(shape(h.municipality));
    expect(shape(buildHierarchy(spec('years'), Float64Array.of(2019, 2025)))).toEqual(shape(h.year));
    expect(shape(buildHierarchy(spec('ageBands'), Float64Array.of(0, 109)))).toEqual(shape(h.age));
  });
});

describe('parsePolicy: YAML and JSON', () => {
  it('a JSON and a YAML version of the same policy give equal objects', () => {
    const yaml = parsePolicy(withLines({}), { file: 'p.yaml' });
    // the same policy written by hand as JSON, keys in another order
    const json = `{
  "tables": [
    { "method": { "suppression": { "rules": [ { "frequency": { "n": 5 } }, { "dominance": { "k": 85, "n": 1, "measure": "cost" } } ] } },
      "filter": { "range": { "min": 2019 }, "column": "year" },
      "values": ["persons", "sum:cost"], "measures": ["cost"],
      "dimensions": ["hospital", { "hierarchy": "years", "column": "year" }], "name": "supp" },
    { "name": "round", "dimensions": ["hospital"], "method": { "rounding": { "rule": "nhs", "low": 1, "high": 7 } } },
    { "name": "kanon", "dimensions": ["hospital", { "column": "age", "hierarchy": { "type": "intervals", "min": 0, "max": 110, "width": 10 } }],
      "method": { "kAnonymity": { "k": 5 } } },
    { "name": "dp", "dimensions": ["hospital", { "column": "year", "hierarchy": "years" }],
      "method": { "dp": { "bounds": { "maxPartitionsPerPerson": 2, "maxRowsPerPartition": 1 }, "statistic": "persons", "privacy": { "epsilon": 0.5 } } } },
    { "name": "ck", "dimensions": ["hospital"], "measures": ["los"], "values": ["persons"],
      "method": { "cellKey": { "secret": { "env": "PRIKK_CELL_KEY_SECRET" }, "ptable": { "js": 2, "V": 3, "D": 4 } } } }
  ],
  "privacyBudget": { "epsilon": 2 },
  "hierarchies": { "years": { "width": 1, "max": 2026, "min": 2019, "type": "intervals" } },
  "extract": { "schema": { "columns": [
    { "name": "person_id", "role": "person" },
    { "name": "hospital", "role": "dimension", "codes": ["A", "B", "C"] },
    { "name": "year", "role": "dimension", "type": "year" },
    { "name": "age", "role": "dimension", "type": "integer" },
    { "name": "cost", "role": "measure" },
    { "name": "los", "role": "measure", "type": "integer" }
  ] } },
  "ledger": "./ledger", "purpose": "Trial feasibility", "recipient": "Acme Pharma AS", "dataset": "hip-demo", "prikk": 1
}`;
    expect(parsePolicy(json, { file: 'p.json' })).toEqual(yaml);
    // and the example, written out as JSON
    const example = parsePolicy(readFileSync(EXAMPLE, 'utf8'), { file: 'policy.yaml' });
    expect(parsePolicy(JSON.stringify(example, null, 2), { file: 'policy.JSON' })).toEqual(example);
  });

  it('a .json file is strict JSON with its own line numbers', () => {
    // line 1 '{', line 2 '"prikk": 1,', line 3 '"dataset": 7,' (a number where text belongs), line 4 the other
    // required keys, line 5 '}'
    const rest = '"recipient": "r", "purpose": "p", "ledger": "l", "extract": { "schema": { "columns": [{ "name": "h", "role": "dimension" }] } }, "tables": [{ "name": "t", "dimensions": ["h"], "method": { "rounding": { "rule": "nhs" } } }]';
    const e = errorOf(`{\n"prikk": 1,\n"dataset": 7,\n${rest}\n}\n`, 'p.json');
    expect(e.location).toEqual({ file: 'p.json', line: 3 });
    expect(e.message).toBe('p.json, line 3: invalid policy (1 problem):\n  p.json:3: dataset: expected text, found 7');
    // YAML is not JSON: a .json file with YAML in it is a syntax error on line 1
    expect(errorOf(BASE_LINES.join('\n'), 'p.json').message).toContain('JSON syntax error at line 1, column 1');
  });

  it('validates its arguments', () => {
    expect(() => parsePolicy(3 as unknown as string, { file: 'p.yaml' })).toThrow(/parsePolicy: text must be a string/);
    expect(() => parsePolicy('', { file: '' })).toThrow(/options.file/);
  });
});

describe('loadPolicy', () => {
  it('IO_ERROR names the file when it cannot be read', async () => {
    const missing = join(tmpdir(), 'prikk-no-such-policy.yaml');
    await expect(loadPolicy(missing)).rejects.toMatchObject({ code: 'IO_ERROR', location: { file: missing } });
    await expect(loadPolicy(missing)).rejects.toThrow(`cannot read the policy file '${missing}': no such file`);
    const folder = mkdtempSync(join(tmpdir(), 'prikk-policy-'));
    await expect(loadPolicy(folder)).rejects.toThrow(/it is a folder/);
  });

  it('names the file as given in policy errors, and refuses text that is not UTF-8', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'prikk-policy-'));
    const file = join(folder, 'bad.yaml');
    writeFileSync(file, withLines({ 2: 'dataset: 3' }));
    const error = await loadPolicy(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrikkError);
    expect((error as PrikkError).message).toContain(`${file}:2: dataset: expected text, found 3`);
    writeFileSync(file, Buffer.from([0x70, 0x72, 0x69, 0x6b, 0x6b, 0x3a, 0x20, 0xff, 0x0a]));
    await expect(loadPolicy(file)).rejects.toMatchObject({ code: 'INVALID_POLICY', message: expect.stringContaining('not UTF-8') });
  });
});
