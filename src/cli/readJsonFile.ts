import { readFile } from 'node:fs/promises';
import { PrikkError } from '../errors/PrikkError.js';

/**
 * Reads and parses a JSON file, with errors that name the file (and the line of a syntax error).
 *
 * @throws {PrikkError} `IO_ERROR` when the file cannot be read, `INVALID_ARGUMENT` when it is not JSON.
 */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PrikkError('IO_ERROR', `cannot read the ${what} file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file: path });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new PrikkError('INVALID_ARGUMENT', `the ${what} file is not valid JSON: ${message}`, line === undefined ? { file: path } : { file: path, line });
  }
}
