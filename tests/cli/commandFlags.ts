import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The flags a CLI command parses, read from its source file (relative to the repository), i.e. the keys of its
 * `parseFlags(args, { name: { type: ... }, ... })` call: so that a new flag without help text fails the help tests.
 */
export function parsedFlags(sourceFile: string): string[] {
  const source = readFileSync(join(REPO, sourceFile), 'utf8');
  const block = /parseFlags\(args, \{([\s\S]*?)\n\s*\}\);/.exec(source);
  if (!block) throw new Error(`${sourceFile}: no parseFlags(args, { ... }) call`);
  const flags = [...block[1]!.matchAll(/^\s*([a-zA-Z][\w-]*|'[^']+'): \{ type:/gm)].map((m) => m[1]!.replace(/'/g, ''));
  if (flags.length === 0) throw new Error(`${sourceFile}: a parseFlags call without flags`);
  return flags;
}

/** The `--flags` a command's help text documents in its `Options:` section. */
export function documentedFlags(help: string): string[] {
  const options = help.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? '';
  return [...options.matchAll(/^\s+--([a-z][\w-]*)/gm)].map((m) => m[1]!);
}
