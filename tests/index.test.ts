import { describe, expect, it } from 'vitest';
import * as prikk from '../src/index.js';

describe('the package entry', () => {
  it('exports one callable per stage of the data flow', () => {
    const stages = {
      read: ['readCsv', 'readCsvBuffer', 'readRows', 'readColumns', 'inferSchema'],
      hierarchies: ['flatHierarchy', 'hierarchyFromArx', 'intervalHierarchy', 'prefixHierarchy', 'icd10Hierarchy', 'municipalityHierarchy', 'buildHierarchy'],
      aggregate: ['aggregate', 'cellTableToJson', 'cellTableFromJson'],
      suppression: ['suppressCells', 'frequencyRule', 'dominanceRule', 'pPercentRule', 'auditTable'],
      rounding: ['roundToBase', 'nhsRounding', 'randomRounding'],
      dp: ['dpCrossTable', 'pureDp', 'zcdp', 'sampleDiscreteLaplace', 'sampleDiscreteGaussian'],
      cellKey: ['cellKeyPerturbation', 'createPTable', 'readPTable', 'recordKeysFromIds'],
      kAnonymity: ['anonymise', 'verifyAnonymity', 'kAnonymity', 'entropyLDiversity', 'anonymisedTable'],
      randomness: ['cryptoRandomSource', 'seededRandomSource'],
      release: ['runRelease', 'loadPolicy', 'parsePolicy', 'formatCsv', 'formatJson', 'formatXlsx', 'renderReport', 'protectTables'],
      ledger: ['ReleaseLedger', 'verifyLedger', 'summariseLedgers'],
    };
    const exported = prikk as Record<string, unknown>;
    for (const [stage, names] of Object.entries(stages)) {
      for (const name of names) expect(typeof exported[name], `${stage}: ${name}`).toBe('function');
    }
  });

  it('keeps internals out of the public API', () => {
    for (const internal of ['MaskWalker', 'CsvTokenizer', 'ByteDictionary', 'hierarchyFromLevels', 'resolveSchema', 'HmacSha256', 'longFormat', 'stampZipTimes', 'acquireLedgerLock', 'parseLedger']) {
      expect(Object.keys(prikk)).not.toContain(internal);
    }
  });
});
