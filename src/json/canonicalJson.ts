import { PrikkError } from '../errors/PrikkError.js';

/**
 * Canonical JSON text of a value: object keys sorted (by UTF-16 code units, as `Array.prototype.sort`), no white
 * space, object properties whose value is `undefined` left out (as `JSON.stringify` does), strings and numbers as
 * `JSON.stringify` writes them. The same value always gives the same text whatever order its keys were written in,
 * so its sha256 identifies it: the ledger's hash chain and the request fingerprints are computed on this text.
 *
 * Source: the key-sorting rule of RFC 8785 (JSON Canonicalization Scheme), section 3.2.3; numbers and strings are
 * written by ECMAScript's `JSON.stringify`, which RFC 8785 also uses (section 3.2.2), so the text equals RFC 8785's
 * for every value prikk writes (strings and safe integers, no exotic floats).
 *
 * Cost: O(size of the value + k log k per object of k keys).
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a value JSON cannot hold exactly: a non-finite number, a bigint, a
 * function, a symbol, `undefined` inside an array or at the top, an object that is not a plain object (a `Date`,
 * a `Map`, a class instance), or a cycle, naming the path of the offending value.
 * @example
 * canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined }) // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, open: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(path, `a finite number, got ${String(value)}`);
      return JSON.stringify(value);
    case 'object': {
      if (open.has(value)) fail(path, 'a JSON value, got a reference back to an enclosing object (a cycle)');
      open.add(value);
      let text: string;
      if (Array.isArray(value)) {
        text = `[${value
          .map((v, i) => {
            if (v === undefined) fail(`${path}[${i}]`, 'a JSON value, got undefined');
            return write(v, `${path}[${i}]`, open);
          })
          .join(',')}]`;
      } else {
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) fail(path, 'a plain object');
        const record = value as Record<string, unknown>;
        const parts: string[] = [];
        for (const key of Object.keys(record).sort()) {
          const v = record[key];
          if (v === undefined) continue;
          parts.push(`${JSON.stringify(key)}:${write(v, `${path}.${key}`, open)}`);
        }
        text = `{${parts.join(',')}}`;
      }
      open.delete(value);
      return text;
    }
    default:
      return fail(path, `a JSON value, got ${typeof value}`);
  }
}

function fail(path: string, expected: string): never {
  throw new PrikkError('INVALID_ARGUMENT', `canonicalJson: ${path}: expected ${expected}`);
}
