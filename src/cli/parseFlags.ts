import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './UsageError.js';

type FlagConfig<T extends NonNullable<ParseArgsConfig['options']>> = { args: string[]; options: T; allowPositionals: true; strict: true };

/** `node:util.parseArgs` in strict mode, with its errors turned into {@link UsageError}s (exit code 2). */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<FlagConfig<T>>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
