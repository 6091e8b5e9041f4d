import { Buffer } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { PrikkError } from '../errors/PrikkError.js';

/**
 * Reads a file in pieces of `chunkSize` bytes and hands each to `onChunk`, reading the next piece while the
 * current one is processed (two buffers, alternating). `onChunk` may return `false` to stop early. The chunk
 * passed to `onChunk` is reused afterwards: copy what must be kept.
 *
 * Cost: O(file size) time, `2 × chunkSize` memory.
 *
 * @returns the file's size in bytes (from `stat`, before reading), or `undefined` if it could not be read.
 * @throws PrikkError `IO_ERROR` naming the file when it cannot be opened or read; whatever `onStart` and
 *   `onChunk` throw.
 * @example
 * let bytes = 0;
 * await readFileChunks('extract.csv', 1 << 20, 'extract.csv', (chunk) => { bytes += chunk.length; return true; });
 */
export async function readFileChunks(
  path: string,
  chunkSize: number,
  source: string,
  onChunk: (chunk: Uint8Array) => boolean,
  onStart?: (size: number | undefined) => void,
): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw ioError(source, 'cannot open the file', e);
  }
  let pending: Promise<{ bytesRead: number; buffer: Buffer }> | undefined;
  try {
    let size: number | undefined;
    try {
      size = (await handle.stat()).size;
    } catch {
      size = undefined;
    }
    onStart?.(size);
    const buffers = [Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize)];
    let which = 0;
    pending = handle.read(buffers[0]!, 0, chunkSize, null);
    for (;;) {
      let got: { bytesRead: number; buffer: Buffer };
      try {
        got = await pending;
      } catch (e) {
        pending = undefined;
        throw ioError(source, 'cannot read the file', e);
      }
      pending = undefined;
      if (got.bytesRead === 0) break;
      which = 1 - which;
      pending = handle.read(buffers[which]!, 0, chunkSize, null);
      if (!onChunk(got.buffer.subarray(0, got.bytesRead))) break;
    }
  } finally {
    if (pending !== undefined) await pending.catch(() => undefined);
    await handle.close();
  }
}

function ioError(file: string, what: string, cause: unknown): PrikkError {
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? ` (${String((cause as { code: unknown }).code)})` : '';
  return new PrikkError('IO_ERROR', `${what}${code}`, { file });
}
