import { resolve } from 'node:path';
import { icd10Hierarchy } from '../codelists/icd10Hierarchy.js';
import { municipalityHierarchy } from '../codelists/municipalityHierarchy.js';
import { NORWEGIAN_MUNICIPALITIES_2024 } from '../codelists/norwegianMunicipalities2024.js';
import { PrikkError } from '../errors/PrikkError.js';
import { flatHierarchy } from './flatHierarchy.js';
import type { Hierarchy } from './Hierarchy.js';
import { hierarchyFromParentChild } from './hierarchyFromParentChild.js';
import type { HierarchySpec } from './HierarchySpec.js';
import { intervalHierarchy } from './intervalHierarchy.js';
import { prefixHierarchy } from './prefixHierarchy.js';
import { readArxHierarchy } from './readArxHierarchy.js';

/** Options for {@link buildHierarchy}. */
export interface BuildHierarchyOptions {
  /** Directory that relative `file` paths in the spec are resolved against (the policy file's folder). Defaults to the working directory. */
  readonly baseDir?: string;
}

const FN = 'buildHierarchy';

const KEYS: Readonly<Record<HierarchySpec['type'], readonly string[]>> = {
  flat: ['total'],
  arx: ['file', 'delimiter', 'total'],
  parentChild: ['pairs', 'total'],
  intervals: ['bands', 'min', 'max', 'width', 'openTop', 'levels', 'anchor', 'total'],
  prefix: ['lengths', 'total'],
  icd10: ['levels', 'total'],
  municipality: ['levels', 'allCodes', 'total'],
};

/**
 * Builds the hierarchy a {@link HierarchySpec} describes, for a column with the given values (a policy file's
 * `hierarchy` entry plus the extract's column). The spec is checked first, key by key, since it usually comes from
 * JSON: an unknown `type` or key is an error, not ignored.
 *
 * - `flat`, `prefix`, `icd10`, `municipality`: the leaves are the distinct `values`, sorted (so the same request
 *   gives the same hierarchy whatever the row order). These are keys found in the data; a differentially private
 *   release needs keys from a public list instead (`municipality` with `allCodes`, or an `arx`/`parentChild` file). `municipality` with `allCodes: true` uses all 357 codes of
 *   2024 instead, and only checks that every value is one of them.
 * - `arx`, `parentChild`: the leaves come from the spec; every value must be one of them.
 * - `intervals`: `values` must be a Float64Array. With `width` but no `min`/`max`, the missing bounds are derived from
 *   the values' range, aligned to `anchor` (default 0): the band list then depends on the data; give `min` and
 *   `max` when the bands must be public.
 *
 * Cost: that of the factory, plus O(values log values) for sorting and checking values.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` naming the `spec.` field for a malformed spec, values of the wrong kind,
 * or values that are not leaves of an `arx`/`parentChild` hierarchy (up to five named); otherwise whatever the factory
 * throws (`IO_ERROR` for an unreadable ARX file, `INVALID_SCHEMA`, `INVALID_VALUE`).
 * @example
 * buildHierarchy({ type: 'prefix', lengths: [2] }, ['1103', '0301', '1101']).toJSON()
 * // { Total: ['03', '11'], '03': ['0301'], '11': ['1101', '1103'] }
 * buildHierarchy({ type: 'intervals', min: 0, max: 90, width: 10 }, new Float64Array([17, 64])).leafCount // 9
 */
export function buildHierarchy(spec: HierarchySpec, values: readonly string[] | Float64Array, options: BuildHierarchyOptions = {}): Hierarchy {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new PrikkError('INVALID_ARGUMENT', `${FN}: spec must be an object with a type`);
  const type = (spec as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(KEYS, type)) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: spec.type must be one of ${Object.keys(KEYS).map((k) => `'${k}'`).join(', ')}, got ${JSON.stringify(type)}`);
  }
  const allowed = KEYS[type as HierarchySpec['type']];
  for (const key of Object.keys(spec)) {
    if (key !== 'type' && !allowed.includes(key)) {
      throw new PrikkError('INVALID_ARGUMENT', `${FN}: spec.${key} is not a field of a '${type}' hierarchy (fields: ${allowed.join(', ')})`);
    }
  }
  const baseDir = options.baseDir ?? process.cwd();
  if (typeof baseDir !== 'string') throw new PrikkError('INVALID_ARGUMENT', `${FN}: options.baseDir must be a string`);

  if (spec.type === 'intervals') {
    if (!(values instanceof Float64Array)) throw new PrikkError('INVALID_ARGUMENT', `${FN}: an 'intervals' hierarchy needs numeric values (a Float64Array)`);
    const { type: _type, ...rest } = spec;
    return intervalHierarchy(withDataBounds(rest, values));
  }
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: a '${spec.type}' hierarchy needs string values (codes)`);
  }
  const distinct = [...new Set(values as readonly string[])].sort();
  const total = spec.total;
  switch (spec.type) {
    case 'flat':
      return flatHierarchy(distinct, { total });
    case 'prefix':
      if (!Array.isArray(spec.lengths)) throw new PrikkError('INVALID_ARGUMENT', `${FN}: spec.lengths must be an array of prefix lengths, like [2]`);
      if (spec.lengths.some((l) => typeof l !== 'number')) throw new PrikkError('INVALID_ARGUMENT', `${FN}: spec.lengths must hold numbers only`);
      return prefixHierarchy(distinct, { levels: spec.lengths, total });
    case 'icd10':
      return icd10Hierarchy(distinct, { levels: spec.levels, total });
    case 'municipality': {
      const allCodes = spec.allCodes ?? false;
      if (typeof allCodes !== 'boolean') throw new PrikkError('INVALID_ARGUMENT', `${FN}: spec.allCodes must be a boolean`);
      if (!allCodes) return municipalityHierarchy(distinct, { levels: spec.levels, total });
      const h = municipalityHierarchy(NORWEGIAN_MUNICIPALITIES_2024.map((m) => m.code), { levels: spec.levels, total });
      return checkLeaves(h, distinct, 'the 2024 municipality list');
    }
    case 'arx': {
      if (typeof spec.file !== 'string' || spec.file === '') throw new PrikkError('INVALID_ARGUMENT', `${FN}: spec.file must be the path of an ARX hierarchy file`);
      const path = resolve(baseDir, spec.file);
      return checkLeaves(readArxHierarchy(path, { total, delimiter: spec.delimiter }), distinct, `the hierarchy file '${spec.file}'`);
    }
    case 'parentChild':
      return checkLeaves(hierarchyFromParentChild(spec.pairs, { total }), distinct, 'spec.pairs');
  }
}

function checkLeaves(h: Hierarchy, values: readonly string[], what: string): Hierarchy {
  const missing = values.filter((v) => h.leafOf(v) < 0);
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map((v) => `'${v}'`).join(', ');
    throw new PrikkError(
      'INVALID_ARGUMENT',
      `${FN}: ${missing.length} value${missing.length === 1 ? ' is' : 's are'} not a leaf of ${what}: ${shown}${missing.length > 5 ? ', ...' : ''}`,
    );
  }
  return h;
}

type IntervalFields = Omit<Extract<HierarchySpec, { type: 'intervals' }>, 'type'>;

/** Fills a missing `min`/`max` from the values' range when `width` is given, aligned to the anchor. */
function withDataBounds(spec: IntervalFields, values: Float64Array): IntervalFields {
  if (spec.width === undefined || (spec.min !== undefined && spec.max !== undefined)) return spec;
  const width = spec.width;
  const anchor = spec.anchor ?? 0;
  if (typeof width !== 'number' || !(width > 0) || !Number.isFinite(width) || typeof anchor !== 'number' || !Number.isFinite(anchor)) return spec; // intervalHierarchy reports it
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) throw new PrikkError('INVALID_ARGUMENT', `${FN}: spec.min and spec.max are missing and the values have no finite number to derive them from`);
  return {
    ...spec,
    min: spec.min ?? anchor + Math.floor((lo - anchor) / width) * width,
    max: spec.max ?? anchor + (Math.floor((hi - anchor) / width) + 1) * width,
  };
}
