import type { DpNoiseLevel } from './dpNoiseLevels.js';

/** A method's parameters in plain words, and which parameter keys the words cover. */
export interface ParameterDescription {
  /** One or more plain sentences (already text, not HTML), e.g. `Cell suppression: a cell is sensitive when …`. */
  readonly sentences: readonly string[];
  /** The top-level parameter keys the sentences say everything about; every other key is listed as key/value. */
  readonly covered: readonly string[];
  /** Differential privacy: the noise of each measured level, for a table (the `noise` key, then covered). */
  readonly noise?: readonly DpNoiseLevel[];
}
