import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // `import.meta.url` in the CJS build (the audit's worker pool resolves the `highs` package from it).
    shims: true,
    // An optional dependency: loaded at run time when an XLSX is asked for, never bundled.
    external: ['exceljs'],
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: ['exceljs'],
  },
]);
