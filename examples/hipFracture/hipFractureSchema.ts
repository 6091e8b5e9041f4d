import type { Schema } from '../../src/read/Schema.js';
import { FIRST_YEAR, ICD10_SHARES, LAST_YEAR, PROCEDURE_CODES } from './clinicalCodes.js';
import { HOSPITALS } from './hospitals.js';
import { MUNICIPALITIES } from './municipalities.js';

/**
 * The prikk schema of the synthetic hip-fracture extract (the source of `examples/hipFracture/schema.json`).
 *
 * Code columns carry their public code lists (SSB's 2024 municipality codes, the hospitals, ICD-10 S72.0-S72.2,
 * the NCSP procedures), so every code appears in tables even when no row has it, and a code outside the list is
 * an error. A missing municipality (residence unknown) excludes the row and is counted in the reconciliation.
 * `reoperation` (0/1) is a measure, so its sum is the number of reoperations and its mean the reoperation rate.
 *
 * @example
 * hipFractureSchema().columns.map((c) => c.name)
 * // ['person_id', 'age', 'sex', 'municipality', 'hospital', 'icd10', 'procedure', 'year', 'reoperation', 'los_days', 'cost']
 */
export function hipFractureSchema(): Schema {
  return {
    columns: [
      { name: 'person_id', role: 'person', type: 'code' },
      { name: 'age', role: 'dimension', type: 'integer', min: 0, max: 109 },
      { name: 'sex', role: 'dimension', type: 'code', codes: ['1', '2'] },
      { name: 'municipality', role: 'dimension', type: 'code', codes: MUNICIPALITIES.map((m) => m.code), missing: 'exclude' },
      { name: 'hospital', role: 'dimension', type: 'code', codes: HOSPITALS.map((h) => h.code) },
      { name: 'icd10', role: 'dimension', type: 'code', codes: Object.keys(ICD10_SHARES) },
      { name: 'procedure', role: 'dimension', type: 'code', codes: [...PROCEDURE_CODES] },
      { name: 'year', role: 'dimension', type: 'year', min: FIRST_YEAR, max: LAST_YEAR },
      { name: 'reoperation', role: 'measure', type: 'integer', min: 0, max: 1 },
      { name: 'los_days', role: 'measure', type: 'integer', min: 0 },
      { name: 'cost', role: 'measure', type: 'decimal', min: 0 },
    ],
  };
}

/**
 * The schema as the text of `schema.json`: one column per line, so the file stays readable with its long code lists.
 *
 * @example
 * JSON.parse(hipFractureSchemaJson()) // deep-equals hipFractureSchema()
 */
export function hipFractureSchemaJson(): string {
  const columns = hipFractureSchema().columns.map((c) => `    ${JSON.stringify(c)}`);
  return `{\n  "columns": [\n${columns.join(',\n')}\n  ]\n}\n`;
}
