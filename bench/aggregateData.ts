/**
 * Synthetic cohort and dimension set-ups for bench/aggregate.bench.ts (fixed seed, no Math.random): a
 * hip-fracture-style registry extract built directly as an encoded `Extract`, with 2-3 level hierarchies.
 */
import { Hierarchy } from '../src/hierarchy/Hierarchy.js';
import type { CodeColumn, Column, Extract, NumberColumn } from '../src/read/Extract.js';

/** xorshift32, fixed seed. */
let state = 0x2545f491;
function rand(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
}
/** A skewed pick in 0..n-1 (roughly Zipf-like: small indices are common). */
function skewed(n: number): number {
  return Math.min(n - 1, Math.floor(n * rand() ** 2.2));
}

/** A hierarchy from leaf -> parent label maps, level by level (leaves, then each level's nodes, then the total). */
function levels(leaves: readonly string[], parentMaps: readonly ((label: string) => string)[], total = 'Total'): Hierarchy {
  const labels = [...leaves];
  const parents: number[] = [];
  let layer = [...leaves];
  let offset = 0;
  for (const up of parentMaps) {
    const next: string[] = [];
    const index = new Map<string, number>();
    for (const node of layer) {
      const p = up(node);
      if (!index.has(p)) {
        index.set(p, next.length);
        next.push(p);
      }
    }
    const base = offset + layer.length;
    for (const node of layer) parents.push(base + index.get(up(node))!);
    offset = base;
    labels.push(...next);
    layer = next;
  }
  for (let i = 0; i < layer.length; i++) parents.push(offset + layer.length);
  labels.push(total);
  parents.push(-1);
  return Hierarchy.fromParents(total, labels, parents);
}

// Dimensions (leaves -> levels): sizes are node counts.
const municipalities = Array.from({ length: 356 }, (_, i) => String(301 + i * 13).padStart(4, '0')); // -> county (2 digits)
const hospitals = Array.from({ length: 30 }, (_, i) => `H${String(i).padStart(2, '0')}`); // -> trust -> region
const icd = ['S72.0', 'S72.1', 'S72.2', 'S72.3', 'S72.4', 'S72.8', 'S72.9', 'S32.4', 'S42.2', 'S42.3', 'M84.3', 'M80.0'];
const procedures = ['NFJ09', 'NFJ19', 'NFJ29', 'NFB02', 'NFB12', 'NFB92', 'NFC09', 'NFC19'];
const years = ['2019', '2020', '2021', '2022', '2023', '2024'];

const hMunicipality = levels(municipalities, [(m) => m.slice(0, 2)]);
const hHospital = levels(hospitals, [(h) => `T${Math.floor(Number(h.slice(1)) / 3)}`, (t) => `R${Math.floor(Number(t.slice(1)) / 3)}`]);
const hIcd = levels(icd, [(c) => c.slice(0, 3)]);
const hProcedure = levels(procedures, [(p) => p.slice(0, 3)]);
const hYear = levels(years, []);
const hSex = levels(['1', '2'], []);
// Age: 5-year bands 0-4 .. 100+ (21 leaves) -> 20-year bands -> total.
const ageLower = Float64Array.from({ length: 21 }, (_, i) => i * 5);
const ageUpper = Float64Array.from({ length: 21 }, (_, i) => (i === 20 ? Infinity : i * 5 + 5));
const ageLeaves = Array.from({ length: 21 }, (_, i) => (i === 20 ? '100+' : `${i * 5}-${i * 5 + 4}`));
const ageHierarchy = (() => {
  const h = levels(ageLeaves, [(l) => `${Math.floor(Number.parseInt(l, 10) / 20) * 20}s`]);
  return Hierarchy.fromParents(h.total, h.labels, h.parents, { lower: ageLower, upper: ageUpper });
})();

function code(name: string, dictionary: readonly string[], codes: Uint8Array | Uint16Array): CodeColumn {
  return { kind: 'code', spec: { name, role: 'dimension', type: 'code' }, codes, dictionary, fromCodeList: true };
}
function num(name: string, values: Float64Array, role: 'dimension' | 'measure'): NumberColumn {
  return { kind: 'number', spec: { name, role, type: role === 'measure' ? 'decimal' : 'integer' }, values };
}

export function generate(n: number): Extract {
  const pid = new Uint32Array(n);
  const sex = new Uint8Array(n);
  const muni = new Uint16Array(n);
  const hosp = new Uint8Array(n);
  const diag = new Uint8Array(n);
  const proc = new Uint8Array(n);
  const year = new Uint8Array(n);
  const age = new Float64Array(n);
  const cost = new Float64Array(n);
  let p = -1;
  let left = 0;
  let pSex = 0;
  let pMuni = 0;
  let pAge = 0;
  let pHosp = 0;
  let pDiag = 0;
  let pYear = 0;
  for (let i = 0; i < n; i++) {
    if (left === 0) {
      p++;
      // Rows per person: 1 with p = 0.55, else a geometric tail (mean about 2.5 overall).
      left = rand() < 0.55 ? 1 : 2 + Math.floor(-Math.log(1 - rand()) * 2.2);
      pSex = rand() < 0.68 ? 1 : 0;
      pMuni = skewed(municipalities.length);
      pAge = Math.min(104, Math.floor(55 + rand() * 30 + rand() * 20));
      pHosp = skewed(hospitals.length);
      pDiag = skewed(icd.length);
      pYear = Math.floor(rand() * years.length);
    }
    left--;
    pid[i] = p;
    sex[i] = pSex;
    muni[i] = pMuni;
    age[i] = Math.min(104, pAge + (rand() < 0.2 ? 1 : 0));
    hosp[i] = rand() < 0.8 ? pHosp : skewed(hospitals.length);
    diag[i] = rand() < 0.85 ? pDiag : skewed(icd.length);
    proc[i] = skewed(procedures.length);
    year[i] = Math.min(years.length - 1, pYear + (rand() < 0.3 ? 1 : 0));
    cost[i] = Math.round(20000 * Math.exp(rand() * 1.5)) / 100;
  }
  const columns = new Map<string, Column>([
    ['sex', code('sex', ['1', '2'], sex)],
    ['municipality', code('municipality', municipalities, muni)],
    ['hospital', code('hospital', hospitals, hosp)],
    ['icd10', code('icd10', icd, diag)],
    ['procedure', code('procedure', procedures, proc)],
    ['year', code('year', years, year)],
    ['age', num('age', age, 'dimension')],
    ['cost', num('cost', cost, 'measure')],
  ]);
  return {
    source: 'synthetic',
    rowCount: n,
    columns,
    person: { name: 'pid', codes: pid, personCount: p + 1 },
    reconciliation: { source: 'synthetic', rowsRead: n, rowsUsed: n, excluded: {} },
    inputHash: 'synthetic',
  };
}

export type Spec = { column: string; hierarchy: Hierarchy };
export const configs: [string, Spec[]][] = [
  [
    '3 dims (municipality, age, year)',
    [
      { column: 'municipality', hierarchy: hMunicipality },
      { column: 'age', hierarchy: ageHierarchy },
      { column: 'year', hierarchy: hYear },
    ],
  ],
  [
    '6 dims (age, sex, year, hospital, icd10, procedure)',
    [
      { column: 'age', hierarchy: ageHierarchy },
      { column: 'sex', hierarchy: hSex },
      { column: 'year', hierarchy: hYear },
      { column: 'hospital', hierarchy: hHospital },
      { column: 'icd10', hierarchy: hIcd },
      { column: 'procedure', hierarchy: hProcedure },
    ],
  ],
];

