/** A method's parameters in plain words, and which parameter keys the words cover. */
export interface ParameterDescription {
  /** One or more plain sentences (already text, not HTML), e.g. `Cell suppression: a cell is sensitive when …`. */
  readonly sentences: readonly string[];
  /** The top-level parameter keys the sentences say everything about; every other key is listed as key/value. */
  readonly covered: readonly string[];
}
