import highsModule from 'highs';
import type { Highs } from 'highs';

type Loader = () => Promise<Highs>;

// The package ships ESM at runtime (default export = loader) but CommonJS-style types, which TypeScript under
// NodeNext reads as `module.exports.default`; accept both shapes.
const loader: Loader =
  typeof (highsModule as unknown) === 'function' ? (highsModule as unknown as Loader) : (highsModule as unknown as { default: Loader }).default;

let loading: Promise<Highs> | undefined;

/**
 * The HiGHS solver (Huangfu & Hall 2018, compiled to WebAssembly by the `highs` package), loaded once per
 * process on first use and shared by the audit and the optimal suppression.
 *
 * Cost: the first call instantiates the WebAssembly module (about 0.1 s); later calls return the same instance.
 *
 * @throws whatever the loader throws when the WebAssembly file cannot be found (a broken install).
 * @example
 * const highs = await loadHighs();
 * highs.solve('Maximize\n obj: x\nSubject To\n c: x <= 4\nEnd').ObjectiveValue // 4
 */
export function loadHighs(): Promise<Highs> {
  if (!loading) loading = loader();
  return loading;
}
