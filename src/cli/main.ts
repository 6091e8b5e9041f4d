import { PrikkError } from '../errors/PrikkError.js';
import { aggregateCommand } from './commands/aggregateCommand.js';
import { auditCommand } from './commands/auditCommand.js';
import { inspectCommand } from './commands/inspectCommand.js';
import { EXIT, exitCodeOf } from './exitCodes.js';
import { ledgerCommand } from './commands/ledgerCommand.js';
import { releaseCommand } from './commands/releaseCommand.js';
import { UsageError } from './UsageError.js';
import { VERSION } from '../version.js';

/** A CLI command: its one-line summary, its full help, and what it does with its arguments. */
export interface Command {
  readonly summary: string;
  readonly help: string;
  run(args: readonly string[], io: CommandIO): Promise<number>;
}

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface CommandIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Redraws the current progress line (no newline); only given when stderr is a terminal. `''` clears it. */
  readonly progress?: (text: string) => void;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  release: releaseCommand,
  inspect: inspectCommand,
  aggregate: aggregateCommand,
  audit: auditCommand,
  ledger: ledgerCommand,
};

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    `prikk ${VERSION}: safe aggregate tables from registry extracts`,
    '',
    'Usage: prikk <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'prikk <command> --help' for a command's options.",
  ].join('\n');
}

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    io.out(topic ? topic.help : overview());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(VERSION);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`prikk: unknown command '${name}'\n\n${overview()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`prikk ${name}: ${error.message}\nRun 'prikk ${name} --help' for usage.`);
      return EXIT.usage;
    }
    if (error instanceof PrikkError) {
      io.err(`prikk ${name}: ${error.message} [${error.code}]`);
      return exitCodeOf(error.code);
    }
    io.err(`prikk ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }
}
