import { describe, expect, it } from 'vitest';
import { resolveSchema } from '../../src/read/resolveSchema.js';
import type { Schema } from '../../src/read/Schema.js';
import { errorOf } from './helpers.js';

describe('resolveSchema', () => {
  it('fills in the defaults', () => {
    const r = resolveSchema({ columns: [{ name: 'pid', role: 'person' }, { name: 'cost', role: 'measure' }, { name: 'x', role: 'ignore' }, { name: 'h', role: 'dimension' }] }, 'test');
    expect(r.person?.name).toBe('pid');
    expect(r.ignored).toEqual(['x']);
    expect(r.columns.map((c) => [c.name, c.type, c.min, c.max, c.missing, c.schemaIndex])).toEqual([
      ['pid', 'code', -Infinity, Infinity, 'error', 0],
      ['cost', 'decimal', 0, Infinity, 'error', 1],
      ['h', 'code', -Infinity, Infinity, 'error', 3],
    ]);
    expect(r.columns[2]!.missingLabel).toBe('(missing)');
  });

  const bad: [string, unknown, string][] = [
    ['no columns array', {}, "test: schema must be an object with a 'columns' array"],
    ['nothing to read', { columns: [{ name: 'a', role: 'ignore' }] }, 'no column to read'],
    ['empty name', { columns: [{ name: '', role: 'dimension' }] }, 'name must be a non-empty string'],
    ['duplicate name', { columns: [{ name: 'a', role: 'dimension' }, { name: 'a', role: 'measure' }] }, "the name 'a' is used twice"],
    ['typo in a field', { columns: [{ name: 'a', role: 'dimension', misssing: 'exclude' }] }, "unknown field 'misssing'"],
    ['bad role', { columns: [{ name: 'a', role: 'dim' }] }, "role must be one of person, dimension, measure, attribute, ignore, got 'dim'"],
    ['bad type', { columns: [{ name: 'a', role: 'dimension', type: 'float' }] }, "type must be one of code, integer, decimal, year, date, got 'float'"],
    ['two persons', { columns: [{ name: 'a', role: 'person' }, { name: 'b', role: 'person' }] }, "only one person column is allowed, 'a' is one already"],
    ['numeric person', { columns: [{ name: 'a', role: 'person', type: 'integer' }] }, "its type must be 'code'"],
    ['code measure', { columns: [{ name: 'a', role: 'measure', type: 'code' }] }, 'a measure must be numeric'],
    ['category on a number', { columns: [{ name: 'a', role: 'dimension', type: 'integer', missing: 'category' }] }, "missing: 'category' needs a code column"],
    ['category on the person', { columns: [{ name: 'a', role: 'person', missing: 'category' }] }, "missing: 'category' needs a code column that is not the person column"],
    ['codes on a number', { columns: [{ name: 'a', role: 'dimension', type: 'year', codes: ['2020'] }] }, 'codes needs a code column'],
    ['empty code list', { columns: [{ name: 'a', role: 'dimension', codes: [] }] }, 'codes must be a non-empty array'],
    ['duplicate code', { columns: [{ name: 'a', role: 'dimension', codes: ['1', '2', '1'] }] }, "codes lists '1' twice"],
    ['code is a token', { columns: [{ name: 'a', role: 'dimension', codes: ['1', 'NA'], missingTokens: ['NA'] }] }, "contains 'NA', which is also a missing token"],
    ['unknownCodes without codes', { columns: [{ name: 'a', role: 'dimension', unknownCodes: 'exclude' }] }, 'unknownCodes needs a code list'],
    ['label without category', { columns: [{ name: 'a', role: 'dimension', missingLabel: 'x' }] }, "missingLabel is only used with missing: 'category'"],
    ['label is a token', { columns: [{ name: 'a', role: 'dimension', missing: 'category', missingLabel: 'NA', missingTokens: ['NA'] }] }, 'is also a missing token'],
    ['empty token', { columns: [{ name: 'a', role: 'dimension', missingTokens: [''] }] }, 'missingTokens must be an array of non-empty strings'],
    ['min on a code', { columns: [{ name: 'a', role: 'dimension', min: 0 }] }, 'min needs a numeric column'],
    ['NaN max', { columns: [{ name: 'a', role: 'dimension', type: 'integer', max: NaN }] }, 'max must be a finite number'],
    ['min > max', { columns: [{ name: 'a', role: 'dimension', type: 'integer', min: 5, max: 1 }] }, 'min 5 is larger than max 1'],
    ['negative max on a measure', { columns: [{ name: 'a', role: 'measure', max: -1 }] }, 'a measure defaults to min 0'],
    ['bad outOfRange', { columns: [{ name: 'a', role: 'measure', outOfRange: 'drop' }] }, "outOfRange must be 'error' or 'exclude'"],
  ];
  for (const [name, schema, message] of bad) {
    it(`rejects: ${name}`, () => {
      const e = errorOf(() => resolveSchema(schema as Schema, 'test'));
      expect(e.code).toBe('INVALID_SCHEMA');
      expect(e.message).toContain(message);
    });
  }
});
