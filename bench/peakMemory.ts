/**
 * Peak resident memory of this process, per measurement: Linux keeps the high-water mark of the resident set
 * (VmHWM in /proc/self/status) and resets it when "5" is written to /proc/self/clear_refs. So a benchmark resets
 * it before a repetition and reads it after: the peak covers everything resident during the repetition (the
 * loaded data, JavaScript heap and native memory such as DuckDB's), not only what the repetition allocated.
 *
 * Elsewhere (no /proc), falls back to `process.resourceUsage().maxRSS`, the peak of the whole process.
 */
import { readFileSync, writeFileSync } from 'node:fs';

let resettable: boolean | undefined;

/** Resets the peak to the current resident size. Returns false when the platform cannot. */
export function resetPeakMemory(): boolean {
  if (resettable === false) return false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    resettable = true;
  } catch {
    resettable = false;
  }
  return resettable;
}

/** Peak resident memory in MB (10^6 bytes) since the last reset (or since the process started). */
export function peakMemoryMB(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
    if (match) return (Number(match[1]) * 1024) / 1e6;
  } catch {
    // fall through
  }
  return (process.resourceUsage().maxRSS * 1024) / 1e6;
}

/** Current resident memory in MB. */
export function residentMemoryMB(): number {
  return process.memoryUsage().rss / 1e6;
}
