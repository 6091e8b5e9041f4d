import { PrikkError } from '../../errors/PrikkError.js';

/** Characters Excel does not allow in a sheet name. */
const FORBIDDEN = /[[\]:*?/\\]/g;
const MAX_LENGTH = 31;

/** The longest prefix of `text` (whole code points) of at most `max` UTF-16 units. */
function cut(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * Turns wanted names into valid, unique Excel sheet names, in order. Excel's rules (Microsoft, "Rename a
 * worksheet"): 1 to 31 characters, none of `[ ] : * ? / \`, not starting or ending with `'`, not `History`, and
 * unique without regard to case. A forbidden character becomes `_`, a long name is cut to 31 characters (never
 * inside a surrogate pair), an empty one becomes `Sheet`, and a name already taken (by an earlier name or a
 * `reserved` one) gets ` (2)`, ` (3)`, … (cut further to fit).
 *
 * Cost: O(names × name length), plus the tries of a taken name.
 *
 * @param wanted - Required. The names asked for, e.g. the tables' names.
 * @param reserved - Defaults to `[]`. Names already used in the workbook (e.g. `About`).
 * @throws {PrikkError} `INVALID_ARGUMENT` when a wanted or reserved name is not a string.
 * @example
 * sheetNames(['by:hospital', 'a'.repeat(40), 'About', 'about'], ['About'])
 * // ['by_hospital', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'About (2)', 'about (3)']
 */
export function sheetNames(wanted: readonly string[], reserved: readonly string[] = []): string[] {
  if (!Array.isArray(wanted) || wanted.some((w) => typeof w !== 'string')) {
    throw new PrikkError('INVALID_ARGUMENT', 'sheetNames: wanted: expected an array of strings');
  }
  if (!Array.isArray(reserved) || reserved.some((w) => typeof w !== 'string')) {
    throw new PrikkError('INVALID_ARGUMENT', 'sheetNames: reserved: expected an array of strings');
  }
  const taken = new Set(['history', ...reserved.map((r) => r.toLowerCase())]);
  return wanted.map((w) => {
    let base = cut(w.replace(FORBIDDEN, '_'), MAX_LENGTH).replace(/^'+|'+$/g, '').trim();
    if (base === '') base = 'Sheet';
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = cut(base, MAX_LENGTH - suffix.length).replace(/'+$/, '') + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}
