import { EXIT } from './exitCodes.js';
import { runCli } from './main.js';

// The `prikk` executable: runs the CLI on the process's arguments and sets its exit code.
runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  // A progress bar redraws one line in place, so only on a terminal; logs and pipes get the step lines only.
  ...(process.stderr.isTTY ? { progress: (t: string) => process.stderr.write(`\r\u001b[2K${t}`) } : {}),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`prikk: ${String(error)}\n`);
    process.exitCode = EXIT.internal;
  },
);
