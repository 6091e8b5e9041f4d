import { readFileSync } from 'node:fs';
import { PrikkError } from '../errors/PrikkError.js';
import type { Hierarchy } from './Hierarchy.js';
import { hierarchyFromArx } from './hierarchyFromArx.js';
import type { ArxHierarchyOptions } from './hierarchyFromArx.js';

/**
 * Reads an ARX hierarchy file (UTF-8, `value;level1;...;*`) from disk and builds it with {@link hierarchyFromArx};
 * error messages name the file and line. Synchronous: hierarchy files are small and policies are loaded once.
 *
 * Cost: O(file size).
 *
 * @throws {PrikkError} `IO_ERROR` when the file cannot be read; otherwise as {@link hierarchyFromArx}.
 * @example
 * const age = readArxHierarchy('data/adult/adult_hierarchy_age.csv', { total: 'Total' });
 * age.leafCount  // 100
 * age.levelCount // 5
 */
export function readArxHierarchy(path: string, options: ArxHierarchyOptions = {}): Hierarchy {
  if (typeof path !== 'string' || path === '') {
    throw new PrikkError('INVALID_ARGUMENT', `readArxHierarchy: path must be a non-empty string, got ${JSON.stringify(path)}`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new PrikkError('IO_ERROR', `readArxHierarchy: cannot read the hierarchy file: ${reason}`, { file: path });
  }
  return hierarchyFromArx(text, { ...options, source: options.source ?? path });
}
