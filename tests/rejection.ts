import { PrikkError } from '../src/errors/PrikkError.js';

/**
 * The `PrikkError` a promise rejects with, for tests that read its code and message; fails the test when the promise
 * resolves, and rethrows any other error.
 */
export async function rejection(p: Promise<unknown>): Promise<PrikkError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof PrikkError) return error;
    throw error;
  }
  throw new Error('expected a PrikkError, but the promise resolved');
}
