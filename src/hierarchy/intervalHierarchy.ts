import { PrikkError } from '../errors/PrikkError.js';
import { checkTotal } from './checkHierarchyArgs.js';
import type { Hierarchy } from './Hierarchy.js';
import { hierarchyFromLevels } from './hierarchyFromLevels.js';

/** A numeric band `from <= x < to`; `to` omitted means no upper bound (`85+`). */
export interface IntervalBand {
  /** Required. Lower bound, inclusive. `-Infinity` is allowed for the first band only. */
  readonly from: number;
  /** Upper bound, exclusive. Defaults to `Infinity` (an open top band), allowed for the last band only. */
  readonly to?: number;
  /** Label. Defaults to `0-4` for integer bounds (`5` for a band of width 1), `85+` for an open top, `<18` for an open bottom, `[0.5, 1.5)` otherwise. */
  readonly label?: string;
}

/** A coarser level: a band width (bands aligned to `anchor`), or an explicit list of bands. */
export type IntervalLevel = number | readonly IntervalBand[];

/** Options for {@link intervalHierarchy}: give `bands`, or `min`, `max` and `width`. */
export interface IntervalHierarchyOptions {
  /** The leaf bands, in increasing order and not overlapping (gaps are allowed). Required unless `min`/`max`/`width` are given. */
  readonly bands?: readonly IntervalBand[];
  /** Lower bound of generated bands. Required with `width`. */
  readonly min?: number;
  /** Upper bound (exclusive) of generated bands; `max - min` must be a multiple of `width`. Required with `width`. */
  readonly max?: number;
  /** Width of generated bands. Required unless `bands` is given. */
  readonly width?: number;
  /** Add an open band `[max, Infinity)` labelled `${max}+` after the generated ones. Defaults to false. */
  readonly openTop?: boolean;
  /**
   * Coarser levels, finest first. A number is a band width: a band of level j holds the bands of the level below
   * that lie in `[anchor + k·w, anchor + (k+1)·w)`, so widths must nest (10 then 20, not 10 then 15). A list gives
   * the coarser bands explicitly. A band that contains the open top band is itself open (`80+`). Defaults to none
   * (the leaves sit right under the total).
   */
  readonly levels?: readonly IntervalLevel[];
  /** Where width-based coarser bands start counting from. Defaults to 0 (decades 0-9, 10-19, ...). */
  readonly anchor?: number;
  /** Label of the root. Defaults to `Total`. */
  readonly total?: string;
}

interface Range {
  readonly lo: number;
  readonly hi: number;
  readonly label: string;
}

const FN = 'intervalHierarchy';

/**
 * A hierarchy over numbers: leaf bands (age 0-4, 5-9, ..., 85+) under coarser bands (10-year, 20-year) under
 * the total. Sets `bands` on the result so `leafOfNumber(x)` finds the band of `x` (binary search; -1 outside
 * every band). Band `[from, to)` includes `from` and excludes `to`; labels for integer bounds follow the usual
 * reading for whole numbers (`[0, 5)` is `0-4`).
 *
 * Labels must be unique across levels: when a coarser band has the same label as a finer one (the open band `80+`
 * at two levels), the coarser gets `80+ (level 2)` with `80+` as its display label.
 *
 * Cost: O(bands × levels) time and memory.
 *
 * @throws {PrikkError} `INVALID_ARGUMENT` for a bad option: neither or both of `bands` and `width`, a bound that is
 * not a number, `to <= from`, an open end anywhere but first/last, bands out of order or overlapping, `max - min`
 * not a multiple of `width`, more than 1,000,000 generated bands, a width that does not nest, a finer band inside no
 * coarser band, a coarser band with no finer band, or a label used twice in one level.
 * @example
 * const age = intervalHierarchy({ min: 0, max: 85, width: 5, openTop: true, levels: [10, 20] });
 * age.labels[age.leafOfNumber(17)]               // '15-19'
 * age.labels[age.ancestorAtLevel(age.leafOfNumber(87), 1)] // '80+'
 * age.leafOfNumber(-1)                           // -1
 */
export function intervalHierarchy(options: IntervalHierarchyOptions): Hierarchy {
  if (typeof options !== 'object' || options === null) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: options must be an object with bands, or min, max and width`);
  }
  const total = checkTotal(FN, options.total);
  const anchor = options.anchor ?? 0;
  if (typeof anchor !== 'number' || !Number.isFinite(anchor)) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: options.anchor must be a finite number, got ${String(anchor)}`);
  }
  const generated = options.width !== undefined || options.min !== undefined || options.max !== undefined;
  if (generated === (options.bands !== undefined)) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: give either options.bands, or options.min, options.max and options.width`);
  }
  const leaves = options.bands !== undefined ? checkBands(options.bands, 'options.bands') : generate(options);
  const levels = options.levels ?? [];
  if (!Array.isArray(levels)) throw new PrikkError('INVALID_ARGUMENT', `${FN}: options.levels must be an array`);

  // groupOf[j][i] = index of the level-(j+1) band holding the level-j band i; ranges[j] = bands of level j.
  const ranges: Range[][] = [leaves];
  const groupOf: Int32Array[] = [];
  levels.forEach((level, j) => {
    const finer = ranges[ranges.length - 1]!;
    const what = `options.levels[${j}]`;
    const { coarse, group } = typeof level === 'number' ? byWidth(finer, level, anchor, what) : byList(finer, level, what);
    ranges.push(coarse);
    groupOf.push(group);
  });

  const rows: string[][] = leaves.map((leaf, i) => {
    const row = [leaf.label];
    let at = i;
    for (let j = 0; j < groupOf.length; j++) {
      at = groupOf[j]![at]!;
      row.push(ranges[j + 1]![at]!.label);
    }
    return row;
  });
  return hierarchyFromLevels(rows, {
    fn: FN,
    total,
    where: () => undefined,
    rowName: (i) => `band '${leaves[i]!.label}'`,
    bands: {
      lower: Float64Array.from(leaves, (r) => r.lo),
      upper: Float64Array.from(leaves, (r) => r.hi),
    },
  });
}

function generate(options: IntervalHierarchyOptions): Range[] {
  const { min, max, width } = options;
  for (const [name, v] of [['min', min], ['max', max], ['width', width]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PrikkError('INVALID_ARGUMENT', `${FN}: options.${name} must be a finite number when bands are generated, got ${String(v)}`);
    }
  }
  const lo = min!;
  const hi = max!;
  const w = width!;
  if (!(w > 0) || !(hi > lo)) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: expected width > 0 and max > min, got min ${lo}, max ${hi}, width ${w}`);
  }
  const count = Math.round((hi - lo) / w);
  if (Math.abs(lo + count * w - hi) > 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: max - min (${hi - lo}) must be a multiple of width (${w})`);
  }
  if (count > 1_000_000) throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${count} bands is more than 1,000,000; use a wider width`);
  const openTop = options.openTop ?? false;
  if (typeof openTop !== 'boolean') throw new PrikkError('INVALID_ARGUMENT', `${FN}: options.openTop must be a boolean`);
  const out: Range[] = [];
  for (let i = 0; i < count; i++) {
    const a = tidy(lo + i * w);
    const b = i + 1 === count ? hi : tidy(lo + (i + 1) * w);
    out.push({ lo: a, hi: b, label: bandLabel(a, b) });
  }
  if (openTop) out.push({ lo: hi, hi: Infinity, label: bandLabel(hi, Infinity) });
  return out;
}

/** Validates a list of bands: numbers, increasing, not overlapping, open ends only first/last, labels unique. */
function checkBands(list: unknown, what: string): Range[] {
  if (!Array.isArray(list) || list.length === 0) throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${what} must be a non-empty array of { from, to?, label? }`);
  const out: Range[] = [];
  const labels = new Set<string>();
  list.forEach((band: unknown, i) => {
    const where = `${what}[${i}]`;
    if (typeof band !== 'object' || band === null) throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${where} must be { from, to?, label? }`);
    const { from, to, label } = band as IntervalBand;
    if (typeof from !== 'number' || Number.isNaN(from) || from === Infinity || (from === -Infinity && i > 0)) {
      throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${where}.from must be a number (-Infinity only for the first band), got ${String(from)}`);
    }
    const hi = to ?? Infinity;
    if (typeof hi !== 'number' || Number.isNaN(hi) || (hi === Infinity && i < list.length - 1)) {
      throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${where}.to must be a number (omitted only for the last band), got ${String(to)}`);
    }
    if (!(hi > from)) throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${where} is empty: to (${hi}) must be greater than from (${from})`);
    if (label !== undefined && (typeof label !== 'string' || label === '')) {
      throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${where}.label must be a non-empty string, got ${JSON.stringify(label)}`);
    }
    const range = { lo: from, hi, label: label ?? bandLabel(from, hi) };
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.hi > from) {
      throw new PrikkError(
        'INVALID_ARGUMENT',
        prev.lo > from
          ? `${FN}: ${what} must be in increasing order: '${range.label}' comes after '${prev.label}'`
          : `${FN}: ${what} bands '${prev.label}' and '${range.label}' overlap`,
      );
    }
    if (labels.has(range.label)) throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${where}: the label '${range.label}' names two bands`);
    labels.add(range.label);
    out.push(range);
  });
  return out;
}

/** Groups bands into bands of a width aligned to `anchor`; each band must fit in one. */
function byWidth(finer: readonly Range[], width: number, anchor: number, what: string): { coarse: Range[]; group: Int32Array } {
  if (typeof width !== 'number' || !Number.isFinite(width) || !(width > 0)) {
    throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${what} must be a width > 0 or a list of bands, got ${String(width)}`);
  }
  const group = new Int32Array(finer.length);
  const coarse: { lo: number; hi: number; k: number }[] = [];
  finer.forEach((band, i) => {
    // k = which band [anchor + k·w, anchor + (k+1)·w) holds this one (by its lower end, or its upper end if open below).
    const k = Number.isFinite(band.lo)
      ? Math.floor((band.lo - anchor) / width + 1e-9)
      : Math.ceil((band.hi - anchor) / width - 1e-9) - 1;
    const lo = tidy(anchor + k * width);
    const hi = tidy(anchor + (k + 1) * width);
    const fits = (band.lo === -Infinity || band.lo >= lo - 1e-9 * width) && (band.hi === Infinity || band.hi <= hi + 1e-9 * width);
    if (!fits) {
      throw new PrikkError(
        'INVALID_ARGUMENT',
        `${FN}: ${what}: the band '${band.label}' does not fit in one band of width ${width} (counted from anchor ${anchor}); coarser widths must nest`,
      );
    }
    const last = coarse[coarse.length - 1];
    if (last === undefined || last.k !== k) coarse.push({ lo: band.lo === -Infinity ? -Infinity : lo, hi: band.hi === Infinity ? Infinity : hi, k });
    else if (band.hi === Infinity) last.hi = Infinity;
    group[i] = coarse.length - 1;
  });
  return { coarse: coarse.map((c) => ({ lo: c.lo, hi: c.hi, label: bandLabel(c.lo, c.hi) })), group };
}

/** Places bands in an explicit list of coarser bands; each must lie inside exactly one, and none may be empty. */
function byList(finer: readonly Range[], list: unknown, what: string): { coarse: Range[]; group: Int32Array } {
  const coarse = checkBands(list, what);
  const group = new Int32Array(finer.length);
  const used = new Uint8Array(coarse.length);
  let c = 0;
  finer.forEach((band, i) => {
    while (c < coarse.length && coarse[c]!.hi <= band.lo && coarse[c]!.hi !== Infinity) c++;
    const box = coarse[c];
    if (box === undefined || !(box.lo <= band.lo && band.hi <= box.hi)) {
      throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${what}: the band '${band.label}' is not inside one band of this level`);
    }
    group[i] = c;
    used[c] = 1;
  });
  const empty = coarse.findIndex((_, j) => used[j] === 0);
  if (empty >= 0) throw new PrikkError('INVALID_ARGUMENT', `${FN}: ${what}: the band '${coarse[empty]!.label}' holds no band of the level below`);
  return { coarse, group };
}

/** Default label of `[lo, hi)`. */
function bandLabel(lo: number, hi: number): string {
  if (lo === -Infinity && hi === Infinity) return 'all';
  if (hi === Infinity) return `${lo}+`;
  if (lo === -Infinity) return `<${hi}`;
  if (Number.isInteger(lo) && Number.isInteger(hi)) return hi - lo === 1 ? `${lo}` : `${lo}-${hi - 1}`;
  return `[${lo}, ${hi})`;
}

/** Removes floating-point dust from a computed bound (0.30000000000000004 -> 0.3). */
function tidy(x: number): number {
  return Number.parseFloat(x.toPrecision(15));
}
