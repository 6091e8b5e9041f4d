import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { PrikkError } from '../errors/PrikkError.js';

/**
 * The sha256 (hex) and size of a file, streamed: a file of many GB never sits in memory.
 *
 * Cost: one read of the file.
 *
 * @throws {PrikkError} `IO_ERROR` naming the file when it cannot be read.
 * @example
 * await hashFile('extract.csv') // { sha256: '9f86d08…', bytes: 412503 }
 */
export async function hashFile(path: string): Promise<{ readonly sha256: string; readonly bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    throw new PrikkError('IO_ERROR', `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** sha256 (hex) of text (as UTF-8) or bytes. @example sha256Hex('abc') // 'ba7816bf…' */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
