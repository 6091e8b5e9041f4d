import type { CsvReadOptions } from '../read/CsvReadOptions.js';
import { UsageError } from './UsageError.js';

/** The CSV dialect flags shared by every command that reads an extract. */
export const CSV_FLAG_OPTIONS = {
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  'decimal-comma': { type: 'boolean' },
} as const;

/** Help text for {@link CSV_FLAG_OPTIONS}. */
export const CSV_FLAG_HELP = [
  '  --delimiter <d>      field delimiter: ";" "," or "tab" (default: detected from the header)',
  '  --encoding <e>       utf8 (default) or latin1',
  '  --decimal-comma      decimal columns use "," as the decimal mark',
].join('\n');

/** Turns the parsed dialect flags into reader options. */
export function csvOptionsFromFlags(values: { delimiter?: string | undefined; encoding?: string | undefined; 'decimal-comma'?: boolean | undefined }): CsvReadOptions {
  const delimiter = values.delimiter === 'tab' || values.delimiter === '\\t' ? '\t' : values.delimiter;
  if (delimiter !== undefined && delimiter !== ';' && delimiter !== ',' && delimiter !== '\t') {
    throw new UsageError(`--delimiter must be ";", "," or "tab", got "${delimiter}"`);
  }
  if (values.encoding !== undefined && values.encoding !== 'utf8' && values.encoding !== 'latin1') {
    throw new UsageError(`--encoding must be utf8 or latin1, got "${values.encoding}"`);
  }
  return {
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(values.encoding !== undefined ? { encoding: values.encoding } : {}),
    ...(values['decimal-comma'] ? { decimalComma: true } : {}),
  };
}
