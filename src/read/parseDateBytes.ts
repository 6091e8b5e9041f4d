const SPACE = 0x20;
const ZERO = 0x30;
const DASH = 0x2d;

/**
 * Days since 1970-01-01 of a date in the proleptic Gregorian calendar (negative before 1970).
 *
 * Follows Howard Hinnant's `days_from_civil` ("chrono-Compatible Low-Level Date Algorithms", 2013): shift the
 * year to start in March so the leap day is last, then count whole 400-year eras. Exact for all integer inputs
 * within float64 integer range. Does not validate: call with a valid date.
 *
 * Cost O(1).
 *
 * @example
 * daysFromCivil(1970, 1, 1)  // 0
 * daysFromCivil(2000, 3, 1)  // 11017
 * daysFromCivil(1969, 12, 31) // -1
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/**
 * Days in `month` (1-12) of `year` in the proleptic Gregorian calendar (leap years: divisible by 4, except
 * centuries not divisible by 400). Cost O(1).
 *
 * @example
 * daysInMonth(2024, 2) // 29
 * daysInMonth(1900, 2) // 28
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses an ISO 8601 calendar date `YYYY-MM-DD` (optionally padded with spaces) to days since 1970-01-01.
 * The date must exist: `2023-02-29` and `2024-13-01` are rejected.
 *
 * Cost O(length). Never throws.
 *
 * @returns days since 1970-01-01, or `NaN` when the text is not a valid date.
 * @example
 * parseDateBytes(new TextEncoder().encode('2024-02-29'), 0, 10) // 19782
 * parseDateBytes(new TextEncoder().encode('2023-02-29'), 0, 10) // NaN
 */
export function parseDateBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && bytes[start] === SPACE) start++;
  while (end > start && bytes[end - 1] === SPACE) end--;
  if (end - start !== 10 || bytes[start + 4] !== DASH || bytes[start + 7] !== DASH) return NaN;
  const year = digits(bytes, start, 4);
  const month = digits(bytes, start + 5, 2);
  const day = digits(bytes, start + 8, 2);
  if (!(month >= 1 && month <= 12)) return NaN; // also false for NaN
  if (!(day >= 1 && day <= daysInMonth(year, month))) return NaN;
  if (year !== year) return NaN;
  return daysFromCivil(year, month, day);
}

function digits(bytes: Uint8Array, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}
