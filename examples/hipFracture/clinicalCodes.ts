/**
 * The clinical code structures of the synthetic hip-fracture extract: the years it covers, the ICD-10 diagnoses
 * with their shares, and the NCSP procedures by diagnosis (primary operations) and by kind of primary operation
 * (reoperations).
 */

/** First and last year of operation in the extract. */
export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2025;

/** ICD-10 hip-fracture codes and their shares among fractures (roughly as in the register's annual reports). */
export const ICD10_SHARES: Readonly<Record<string, number>> = { 'S72.0': 0.57, 'S72.1': 0.36, 'S72.2': 0.07 };

/**
 * Primary procedure (NCSP) by diagnosis, with shares. Femoral neck fractures are mostly treated with a
 * hemiarthroplasty (NFB12 cemented, NFB02 uncemented) or, when undisplaced, with screws or pins (NFJ50);
 * pertrochanteric ones with a sliding hip screw (NFJ60) or a short intramedullary nail (NFJ70); subtrochanteric
 * ones with a long intramedullary nail (NFJ71) or a plate (NFJ62). The codes follow NCSP's structure; the
 * mapping is plausible, not clinical guidance.
 */
export const PRIMARY_PROCEDURES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'S72.0': { NFB12: 0.55, NFB02: 0.05, NFJ50: 0.3, NFB40: 0.07, NFB30: 0.03 },
  'S72.1': { NFJ60: 0.58, NFJ70: 0.4, NFB12: 0.02 },
  'S72.2': { NFJ71: 0.8, NFJ62: 0.2 },
};

/**
 * Reoperation procedures by the kind of primary operation: after an arthroplasty, revision (NFC12, NFC40),
 * closed reduction of a dislocation (NFH20) or debridement for infection (NFS19); after internal fixation,
 * conversion to an arthroplasty (NFB12, NFB40), re-fixation (NFJ70) or removal of the implant (NFU49).
 */
export const REOPERATION_PROCEDURES: Readonly<Record<'arthroplasty' | 'fixation', Readonly<Record<string, number>>>> = {
  arthroplasty: { NFC12: 0.35, NFH20: 0.3, NFS19: 0.25, NFC40: 0.1 },
  fixation: { NFB12: 0.45, NFB40: 0.15, NFU49: 0.25, NFJ70: 0.15 },
};

/** Every procedure code the extract can contain, sorted. */
export const PROCEDURE_CODES: readonly string[] = [
  ...new Set([
    ...Object.values(PRIMARY_PROCEDURES).flatMap((p) => Object.keys(p)),
    ...Object.values(REOPERATION_PROCEDURES).flatMap((p) => Object.keys(p)),
  ]),
].sort();

