import { formatPlain } from '../formatNumber.js';
import { asArray, asBoolean, asNumber, asRecord, asString } from './readParameter.js';

/** A name for the nodes of one level of a hierarchy, in the singular and the plural (`county`, `counties`). */
export interface LevelName {
  readonly one: string;
  readonly many: string;
}

/** What a hierarchy spec says, in words. */
export interface HierarchySpecDescription {
  /** The policy's name for a shared hierarchy (`hierarchies:` in the policy), when the spec had one. */
  readonly name?: string;
  /**
   * How the tree is built, e.g. `parent-child`, `intervals 2019–2025 of width 1`, `Norwegian municipalities
   * 2024`; empty when the spec is only a name.
   */
  readonly kind: string;
  /** Names of the levels below the total, finest first (`municipality`, `county`, `health region`), when the spec says. */
  readonly levels?: readonly LevelName[];
  /** The total's label, when the spec sets it. */
  readonly total?: string;
}

const name = (one: string, many = `${one}s`): LevelName => Object.freeze({ one, many });
const VALUE = name('value');
const MUNICIPALITY_LEVELS: Readonly<Record<string, LevelName>> = { county: name('county', 'counties'), region: name('health region') };
const ICD10_LEVELS: Readonly<Record<string, LevelName>> = { category: name('category', 'categories'), block: name('block'), chapter: name('chapter') };

/**
 * Describes a dimension's hierarchy spec as a manifest records it (`TableManifest.dimensions[].hierarchy`: the
 * policy's `HierarchySpec`, with `name` added for a named hierarchy, or `flat`) in words, with the names of its levels
 * where the spec implies them (municipality → county → health region; ICD-10 code → category → block → chapter; code →
 * prefix; interval bands). The types are those of `buildHierarchy` (src/hierarchy/HierarchySpec.ts); the municipality
 * and ICD-10 level names those of `municipalityHierarchy` (SSB 2024, SKDE) and `icd10Hierarchy` (WHO 2019). A spec
 * it does not recognise is described by its `type` (or as `custom`), never dropped.
 *
 * Integer interval bounds are written as whole numbers read inclusively (`[2019, 2026)` of width 1 is `2019–2025`,
 * as `intervalHierarchy` labels them); other bounds as a half-open interval.
 *
 * Cost: O(levels); a `parentChild` spec's pairs are not read.
 *
 * @example
 * describeHierarchySpec({ name: 'years', type: 'intervals', min: 2019, max: 2026, width: 1 })
 * // { name: 'years', kind: 'intervals 2019–2025 of width 1', levels: [{ one: 'value', many: 'values' }] }
 * describeHierarchySpec({ type: 'municipality', allCodes: true }).levels?.map((l) => l.many)
 * // ['municipalities', 'counties', 'health regions']
 * describeHierarchySpec('flat') // { kind: 'flat', levels: [{ one: 'value', many: 'values' }] }
 */
export function describeHierarchySpec(spec: unknown): HierarchySpecDescription {
  if (spec === undefined || spec === null || spec === 'flat') return { kind: 'flat', levels: [VALUE] };
  if (typeof spec === 'string') return { name: spec, kind: '' };
  const record = asRecord(spec);
  if (record === undefined) return { kind: 'custom' };
  const specName = asString(record['name']);
  const total = asString(record['total']);
  const described = describeType(record);
  return Object.freeze({
    ...(specName === undefined ? {} : { name: specName }),
    ...described,
    ...(total === undefined ? {} : { total }),
  });
}

function describeType(spec: Readonly<Record<string, unknown>>): { kind: string; levels?: readonly LevelName[] } {
  const type = asString(spec['type']);
  switch (type) {
    case 'flat':
      return { kind: 'flat', levels: [VALUE] };
    case 'parentChild':
      return { kind: 'parent-child' };
    case 'arx': {
      const file = asString(spec['file']);
      return { kind: file === undefined ? 'ARX hierarchy file' : `ARX hierarchy file ${file}` };
    }
    case 'intervals':
      return describeIntervals(spec);
    case 'prefix': {
      const lengths = (asArray(spec['lengths']) ?? []).map(asNumber).filter((n): n is number => n !== undefined);
      const levels = [name('code'), ...lengths.map((n) => name(`prefix of length ${formatPlain(n)}`, `prefixes of length ${formatPlain(n)}`))];
      return { kind: 'code prefixes', levels };
    }
    case 'icd10': {
      const chosen = levelList(spec['levels'], ['category', 'block', 'chapter']);
      const levels = chosen.every((l) => ICD10_LEVELS[l] !== undefined) ? [name('code'), ...chosen.map((l) => ICD10_LEVELS[l]!)] : undefined;
      return { kind: 'ICD-10, WHO 2019', ...(levels === undefined ? {} : { levels }) };
    }
    case 'municipality': {
      const chosen = levelList(spec['levels'], ['county', 'region']);
      const levels = chosen.every((l) => MUNICIPALITY_LEVELS[l] !== undefined)
        ? [name('municipality', 'municipalities'), ...chosen.map((l) => MUNICIPALITY_LEVELS[l]!)]
        : undefined;
      const all = asBoolean(spec['allCodes']) === true ? ', all codes' : '';
      return { kind: `Norwegian municipalities 2024${all}`, ...(levels === undefined ? {} : { levels }) };
    }
    default:
      return { kind: type ?? 'custom' };
  }
}

function levelList(value: unknown, fallback: readonly string[]): readonly string[] {
  const list = asArray(value);
  if (list === undefined) return fallback;
  return list.map((v) => (typeof v === 'string' ? v : '?'));
}

/** `intervals 0–109 of width 5` with levels `band`, `band of width 10`; explicit bands are counted. */
function describeIntervals(spec: Readonly<Record<string, unknown>>): { kind: string; levels: readonly LevelName[] } {
  const min = asNumber(spec['min']);
  const max = asNumber(spec['max']);
  const width = asNumber(spec['width']);
  const bands = asArray(spec['bands']);
  const openTop = asBoolean(spec['openTop']) === true;
  const whole = [min, max, width].every((v) => v === undefined || Number.isInteger(v));
  let kind: string;
  if (bands !== undefined) {
    kind = `intervals, ${bands.length} given ${bands.length === 1 ? 'band' : 'bands'}`;
  } else if (min !== undefined && max !== undefined) {
    const range = whole ? `${formatPlain(min)}–${formatPlain(max - 1)}` : `[${formatPlain(min)}, ${formatPlain(max)})`;
    kind = `intervals ${range}${width === undefined ? '' : ` of width ${formatPlain(width)}`}${openTop ? `, and ${formatPlain(max)}+` : ''}`;
  } else {
    kind = `intervals${width === undefined ? '' : ` of width ${formatPlain(width)}`} over the values' range`;
  }
  const leaf = bands === undefined && width === 1 && whole && !openTop ? VALUE : name('band');
  const coarser = (asArray(spec['levels']) ?? []).map((level) => {
    const w = asNumber(level);
    return w === undefined ? name('band') : name(`band of width ${formatPlain(w)}`, `bands of width ${formatPlain(w)}`);
  });
  const anchor = asNumber(spec['anchor']);
  if (anchor !== undefined && anchor !== 0 && coarser.length > 0) kind += `, coarser bands from ${formatPlain(anchor)}`;
  return { kind, levels: [leaf, ...coarser] };
}
