/**
 * `npm run example`: a complete release of the embedded synthetic hip-fracture registry, as an analyst would make it
 * with `prikk release extract.csv --policy policy.yaml --out <folder>`: five tables, one per protection method,
 * each as CSV, JSON and XLSX, an HTML report, a manifest, and a line in the dataset's ledger.
 *
 * Everything goes to `examples/hipFracture/out/` (not in git): the ledger in `out/ledger/`, each run's release in
 * `out/release-<time>/`. Run it twice: the second run is the same request, so it re-issues the stored tables of the
 * first (no new noise, no budget spent), which is what non-exclusive release means.
 *
 * The cell key method needs the registry's secret. A real registry keeps one secret for years (so the same persons
 * get the same noise in every table); the example makes a random one on its first run and keeps it in
 * `out/cell-key-secret`, unless PRIKK_CELL_KEY_SECRET is already set.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../../src/cli/main.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'out');

/** Makes one release of the example into `out/release-<time>/` and returns the CLI's exit code. */
export async function main(): Promise<number> {
  mkdirSync(OUT, { recursive: true });
  const secretFile = join(OUT, 'cell-key-secret');
  if (process.env.PRIKK_CELL_KEY_SECRET === undefined) {
    if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    process.env.PRIKK_CELL_KEY_SECRET = readFileSync(secretFile, 'utf8').trim();
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const out = join(OUT, `release-${stamp}`);
  const rel = (p: string): string => relative(process.cwd(), p);
  const code = await runCli(['release', rel(join(HERE, 'extract.csv')), '--policy', rel(join(HERE, 'policy.yaml')), '--out', rel(out)], {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  });
  if (code === 0) console.log(`\nOpen ${rel(join(out, 'report.html'))} in a browser for the report.`);
  return code;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 70;
    },
  );
}
