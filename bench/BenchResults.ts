/** The results of a benchmark run, as written to `bench/results/latest.json` and rendered into `latest.md`. */
import type { Fingerprint } from './fingerprint.js';
import type { MachineInfo } from './machineInfo.js';
import type { Contender, Variant } from './worker.js';

/** How a measurement ended. */
export type MeasurementStatus = 'ok' | 'timeout' | 'skipped' | 'error';

/** One contender × variant at one size. */
export interface Measurement {
  readonly contender: Contender;
  readonly variant: Variant;
  readonly status: MeasurementStatus;
  /** Counted repetitions, in seconds (warm-up excluded). */
  readonly times: readonly number[];
  readonly median: number;
  /** A repetition that was discarded as warm-up, in seconds. */
  readonly warmup?: number;
  /** Peak resident memory (MB) over the counted repetitions, data included. */
  readonly peakMB: number;
  /** Resident memory (MB) after loading the data, before the first repetition. */
  readonly baseMB: number;
  /** Seconds spent loading (not timed). */
  readonly loadSeconds: number;
  /** Why it was skipped, timed out or failed; an estimate when there is one. */
  readonly note?: string;
  /** For `timeout` and some skips: a lower bound on one repetition, in seconds (an estimate when `estimate`). */
  readonly atLeastSeconds?: number;
  /** True when `atLeastSeconds` is a linear estimate from a smaller size rather than a measured lower bound. */
  readonly estimate?: boolean;
  readonly fingerprint?: Fingerprint;
}

/** Everything measured on one cohort size. */
export interface SizeResults {
  readonly rows: number;
  readonly csvBytes: number;
  readonly persons: number;
  readonly measurements: readonly Measurement[];
  /** Disagreements between contenders' answers (empty when all agree). */
  readonly mismatches: readonly string[];
  /** Comparisons made. */
  readonly checks: number;
}

/** A whole run. */
export interface BenchResults {
  readonly machine: MachineInfo;
  readonly duckdb: string;
  readonly command: string;
  readonly settings: {
    readonly quick: boolean;
    readonly reps: Readonly<Record<string, number>>;
    readonly budgetSeconds: Readonly<Record<string, number>>;
    readonly timeoutSeconds: Readonly<Record<string, number>>;
  };
  readonly wallSeconds: number;
  /** Seconds spent generating and encoding cohorts that were not cached (part of `wallSeconds`). */
  readonly prepSeconds?: number;
  readonly sizes: readonly SizeResults[];
}
