import { readFileSync } from 'node:fs';
import { PrikkError } from '../../errors/PrikkError.js';
import { parsePTable, type ParsePTableOptions } from './parsePTable.js';
import type { PerturbationTable } from './PerturbationTable.js';

/**
 * Reads a perturbation table file (tau-ARGUS `i;j;p;v;p_ij_ub`, or the ptable package's `pt_export()` CSV) from disk
 * and parses it with {@link parsePTable}; error messages name the file and line. Synchronous: p-tables are small and
 * a policy loads them once.
 *
 * Cost: O(file size).
 *
 * @throws {PrikkError} `IO_ERROR` when the file cannot be read; otherwise as {@link parsePTable}.
 * @example
 * const t = readPTable('data/ptables/tau_testW_ptable.txt');
 * t.maxI     // 10
 * t.maxNoise // 7
 * t.js       // 2
 */
export function readPTable(path: string, options: ParsePTableOptions = {}): PerturbationTable {
  if (typeof path !== 'string' || path === '') {
    throw new PrikkError('INVALID_ARGUMENT', `readPTable: path must be a non-empty string, got ${JSON.stringify(path)}`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new PrikkError('IO_ERROR', `readPTable: cannot read the perturbation table: ${reason}`, { file: path });
  }
  return parsePTable(text, { ...options, source: options.source ?? path });
}
