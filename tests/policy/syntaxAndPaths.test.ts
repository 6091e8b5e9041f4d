import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/policy/closestName.js';
import { findJsonSyntaxError } from '../../src/policy/findJsonSyntaxError.js';
import { parsePolicyText } from '../../src/policy/parsePolicyText.js';
import { formatPolicyPath, parsePolicyPath } from '../../src/policy/PolicyPath.js';

/**
 * True when valid JSON text has an object with a repeated key (JSON.parse keeps the last one; the policy reader
 * refuses it): re-serialising drops repeated keys, so the number of `"key":` differs.
 */
function hasRepeatedKey(text: string): boolean {
  const countKeys = (t: string): number => (t.match(/"(?:[^"\\]|\\.)*"\s*:/g) ?? []).length;
  return countKeys(JSON.stringify(JSON.parse(text))) !== countKeys(text);
}

describe('findJsonSyntaxError', () => {
  it('finds no error in JSON.stringify output (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, space) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, space))).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with JSON.parse on texts made of JSON characters (property; JSON.parse is the reference)', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ':', ',', '"a"', '"b"', '1', '-0.5e3', 'true', 'null', ' ', '\n', '"', '01', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const found = findJsonSyntaxError(text);
        if (!parses) expect(found, text).toBeDefined();
        else if (found !== undefined) expect(found.message, text).toMatch(/appears twice in one object/);
        else expect(hasRepeatedKey(text), text).toBe(false);
        if (found !== undefined) expect(found.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('points at the offending character (hand-counted offsets)', () => {
    // '{"a": 1,}': the '}' at offset 8 where a key belongs
    expect(findJsonSyntaxError('{"a": 1,}')).toEqual({ offset: 8, message: "expected a key in double quotes, found '}'" });
    // '[1 2]': the '2' at offset 3
    expect(findJsonSyntaxError('[1 2]')).toEqual({ offset: 3, message: "expected ',' or ']', found '2'" });
    expect(findJsonSyntaxError('{"a": "x')).toEqual({ offset: 8, message: 'expected a closing double quote, found the end of the text' });
  });
});

describe('policy paths', () => {
  it('format as people read them', () => {
    expect(formatPolicyPath(['tables', 0, 'method', 'suppression', 'rules', 1, 'frequency', 'n'])).toBe('tables[0].method.suppression.rules[1].frequency.n');
    expect(formatPolicyPath(['hierarchies', 'age band', 'type'])).toBe('hierarchies["age band"].type');
    expect(formatPolicyPath([])).toBe('(top level)');
  });

  it('read back what they write (property)', () => {
    const segment = fc.oneof(fc.nat({ max: 1000 }), fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('tables', 'age-band', 'x.y', 'a[0]', '"q"', '0'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (path) => {
        expect(parsePolicyPath(formatPolicyPath(path))).toEqual(path);
      }),
      { numRuns: 500 },
    );
  });

  it('locate: the line of a key, or of its nearest ancestor in the file (hand-counted lines)', () => {
    const text = ['a: 1', 'b:', '  c: [x, y]', '  d:', '    - e: 1', '    - f: 2', ''].join('\n');
    const { locate } = parsePolicyText(text, { file: 'p.yaml' });
    expect(locate('a')).toBe(1);
    expect(locate('b.c[1]')).toBe(3);
    expect(locate('b.d[1].f')).toBe(6);
    expect(locate('b.d[1].g')).toBe(6); // missing: its parent, the item on line 6
    expect(locate('b.zz.yy')).toBe(2);
    expect(locate('(top level)')).toBe(1);
  });
});

describe('closestName', () => {
  it('suggests near names only', () => {
    expect(closestName('supression', ['suppression', 'rounding'])).toBe('suppression');
    expect(closestName('pstya', ['pstay', 'js'])).toBe('pstay'); // a swap of neighbours is one edit
    expect(closestName('Rounding', ['rounding'])).toBe('rounding');
    expect(closestName('colour', ['dimensions', 'measures'])).toBeUndefined();
    expect(closestName('k', ['n'])).toBeUndefined();
  });
});
