// The parameter shapes of the hip-fracture example's release (examples/hipFracture/policy.yaml), copied verbatim
// from its manifest.json (release of 2026-11-22), and released dimension trees of the same shapes, built by hand
// from the policy: the hospital tree from its 47 pairs (21 hospitals in Helse Sør-Øst, 8 in Helse Vest, 8 in Helse
// Midt-Norge, 10 in Helse Nord), the age bands by a loop over 0-4 .. 105-109. The municipality tree is the real one
// (357 municipalities in 15 counties and 4 health regions in 2024: SSB KLASS 131 and the four regional health
// authorities), built by src/codelists, which is not the code under test here.
import type { CellTableDimensionJson } from '../../../src/aggregate/CellTableJson.js';
import { municipalityHierarchy } from '../../../src/codelists/municipalityHierarchy.js';
import { NORWEGIAN_MUNICIPALITIES_2024 } from '../../../src/codelists/norwegianMunicipalities2024.js';

/** `cost_by_hospital_year` (cell suppression). */
export const SUPPRESSION_PARAMETERS = {
  "rules": [
    "frequency(count < 5)",
    "p-percent(p = 10, cost)"
  ],
  "secondary": "fast",
  "cost": "cells",
  "singletons": true,
  "primaryCells": 79,
  "primaryByRule": {
    "frequency(count < 5)": 79,
    "p-percent(p = 10, cost)": 44
  },
  "secondaryCells": 18,
  "linkedGroup": {
    "tables": [
      "cost_by_hospital_year"
    ],
    "primaryCells": 79,
    "primaryByRule": {
      "frequency(count < 5)": 79,
      "p-percent(p = 10, cost)": 44
    },
    "secondaryCells": 18,
    "singletonAdded": 2,
    "repairAdded": 7
  }
};

/** `operations_by_procedure_sex` (NHS rounding). */
export const ROUNDING_PARAMETERS = {
  "rule": "nhs",
  "method": "nhs(1-7 as *, base 5)",
  "base": 5,
  "low": 1,
  "high": 7,
  "symbol": "*",
  "marginsRoundedIndependently": true,
  "fieldsRounded": [
    "rows"
  ],
  "expectedAbsoluteError": "per count, assuming remainders mod base are uniform"
};

/** `persons_by_age_sex_area` (k-anonymity). */
export const K_ANONYMITY_PARAMETERS = {
  "k": 5,
  "models": [
    "5-anonymity"
  ],
  "suppressionLimit": 0.02,
  "metric": "loss",
  "levels": {
    "age": 0,
    "sex": 0,
    "municipality": 3
  },
  "records": 691,
  "suppressedRecords": 10,
  "suppressedRows": 11,
  "allowedSuppressed": 13,
  "classes": 21,
  "minClassSize": 5,
  "metrics": {
    "loss": 0.27204745171722466,
    "discernibility": 42663,
    "height": 3,
    "averageClassSize": 31.40909090909091
  },
  "search": {
    "strategy": "optimal",
    "latticeSize": 24,
    "checked": 4
  },
  "recordsFile": false
};

/** `persons_by_region_year_dp` (differential privacy). */
export const DP_PARAMETERS = {
  "statistic": "persons",
  "privacy": {
    "kind": "pure",
    "epsilon": "1/2"
  },
  "bounds": {
    "maxPartitionsPerPerson": 2,
    "maxRowsPerPartition": 1
  },
  "margins": "allLevels",
  "postProcess": true,
  "confidence": 0.95,
  "keys": {
    "municipality": {
      "kind": "public",
      "count": 357
    },
    "year": {
      "kind": "public",
      "count": 7
    }
  },
  "noise": [
    {
      "component": "persons",
      "level": 0,
      "depths": [
        0,
        0
      ],
      "distribution": "discrete Laplace(scale 32)",
      "l1": "2",
      "l2Squared": "2",
      "loss": {
        "kind": "pure",
        "epsilon": "1/16"
      }
    },
    {
      "component": "persons",
      "level": 1,
      "depths": [
        0,
        1
      ],
      "distribution": "discrete Laplace(scale 32)",
      "l1": "2",
      "l2Squared": "2",
      "loss": {
        "kind": "pure",
        "epsilon": "1/16"
      }
    },
    {
      "component": "persons",
      "level": 2,
      "depths": [
        1,
        0
      ],
      "distribution": "discrete Laplace(scale 32)",
      "l1": "2",
      "l2Squared": "2",
      "loss": {
        "kind": "pure",
        "epsilon": "1/16"
      }
    },
    {
      "component": "persons",
      "level": 3,
      "depths": [
        1,
        1
      ],
      "distribution": "discrete Laplace(scale 32)",
      "l1": "2",
      "l2Squared": "2",
      "loss": {
        "kind": "pure",
        "epsilon": "1/16"
      }
    },
    {
      "component": "persons",
      "level": 4,
      "depths": [
        2,
        0
      ],
      "distribution": "discrete Laplace(scale 32)",
      "l1": "2",
      "l2Squared": "2",
      "loss": {
        "kind": "pure",
        "epsilon": "1/16"
      }
    },
    {
      "component": "persons",
      "level": 5,
      "depths": [
        2,
        1
      ],
      "distribution": "discrete Laplace(scale 32)",
      "l1": "2",
      "l2Squared": "2",
      "loss": {
        "kind": "pure",
        "epsilon": "1/16"
      }
    },
    {
      "component": "persons",
      "level": 6,
      "depths": [
        3,
        0
      ],
      "distribution": "discrete Laplace(scale 32)",
      "l1": "2",
      "l2Squared": "2",
      "loss": {
        "kind": "pure",
        "epsilon": "1/16"
      }
    },
    {
      "component": "persons",
      "level": 7,
      "depths": [
        3,
        1
      ],
      "distribution": "discrete Laplace(scale 32)",
      "l1": "2",
      "l2Squared": "2",
      "loss": {
        "kind": "pure",
        "epsilon": "1/16"
      }
    }
  ],
  "consistent": false,
  "ciExact": true,
  "random": "node:crypto"
};

/** `feasibility_by_hospital_year` (cell key method). */
export const CELL_KEY_PARAMETERS = {
  "method": "cell key method (ABS / Eurostat CoE on SDC; tau-ARGUS 4.2, cellKey R package)",
  "ptable": {
    "kind": "counts",
    "source": "generated: maximum entropy, D = 4, V = 3, js = 2",
    "sha256": "41a5540b0db2a77f2bf5e69f82b774f7145efa7ffeef37e8a5899b04c977236b",
    "maxI": 7,
    "maxNoise": 4,
    "js": 2,
    "largeValueNoise": {
      "i": 7,
      "mean": -4.163336342344337e-17,
      "variance": 3.0000000000000004,
      "maxNoise": 4,
      "expectedAbsoluteError": 1.364312640991949,
      "rootMeanSquaredError": 1.7320508075688774,
      "pNoChange": 0.2225525565657432
    },
    "parameters": {
      "method": "maximum entropy (ptable package construction)",
      "kind": "counts",
      "D": 4,
      "V": 3,
      "js": 2,
      "varianceConstraint": "equal",
      "step": 1,
      "icat": [
        1,
        2,
        3,
        4,
        5,
        6,
        7
      ],
      "mono": [
        true,
        true,
        true,
        true,
        true,
        true,
        true
      ],
      "pstay": [
        null,
        null,
        null,
        null,
        null,
        null,
        null
      ],
      "lowerBound": 1e-08
    }
  },
  "recordKeys": {
    "source": "hmac-sha256",
    "bits": 32,
    "per": "person",
    "count": 4097,
    "secretFingerprint": "e1fe0da70dbaee0b"
  },
  "cellKey": "sum of the record keys of the cell's distinct persons mod 1, 32-bit fixed point",
  "lookup": "noise v[t] for the first t with cellKey < ub[t]; counts above maxI use row maxI",
  "countsPerturbed": [
    "persons",
    "rows"
  ],
  "additive": false,
  "keys": "mod1",
  "secret": {
    "env": "PRIKK_CELL_KEY_SECRET"
  }
};

/** The policy's 47 hospitals by regional health authority, in the policy's order. */
export const HOSPITALS_BY_REGION: Readonly<Record<string, readonly string[]>> = {
  'Helse Sør-Øst': [
    'OUS-ULL', 'LDS', 'DIAK', 'AHUS', 'SO-KAL', 'VV-BAE', 'VV-DRA', 'VV-RIN', 'VV-KON', 'SI-ELV', 'SI-HAM', 'SI-GJO',
    'SI-LIL', 'SI-KON', 'SI-TYN', 'SIV-TON', 'STHF-SKI', 'STHF-NOT', 'SSHF-ARE', 'SSHF-KRS', 'SSHF-FLE',
  ],
  'Helse Vest': ['SUS', 'HFO-HAU', 'HFO-STO', 'HUS', 'HDS', 'HB-VOS', 'HFD-FOR', 'HFD-NOR'],
  'Helse Midt-Norge': ['STO', 'STO-ORK', 'HNT-LEV', 'HNT-NAM', 'HMR-ALE', 'HMR-VOL', 'HMR-MOL', 'HMR-KSU'],
  'Helse Nord': ['NLSH-BOD', 'NLSH-VES', 'NLSH-LOF', 'HSYK-MOR', 'HSYK-SAN', 'UNN-NAR', 'UNN-TRO', 'UNN-HAR', 'FIN-HAM', 'FIN-KIR'],
};

/** The manifest's spec of the named hierarchy `hospitals` (`name` added to the policy's spec, as resolveTableRequests does). */
export const HOSPITALS_SPEC = {
  name: 'hospitals',
  type: 'parentChild',
  pairs: Object.entries(HOSPITALS_BY_REGION).flatMap(([region, hospitals]) => hospitals.map((h) => [h, region])),
};
export const YEARS_SPEC = { name: 'years', type: 'intervals', min: 2019, max: 2026, width: 1 };
export const AGE_BANDS_SPEC = { name: 'ageBands', type: 'intervals', min: 0, max: 110, width: 5, levels: [10] };
export const MUNICIPALITIES_SPEC = { name: 'municipalities', type: 'municipality', allCodes: true };
export const PROCEDURE_SPEC = { type: 'prefix', lengths: [3] };

/** Released hospital dimension: Total → 4 regions → 47 hospitals. */
export const HOSPITAL_DIMENSION: CellTableDimensionJson = {
  name: 'hospital',
  total: 'Total',
  hierarchy: { Total: Object.keys(HOSPITALS_BY_REGION), ...HOSPITALS_BY_REGION },
};

/** Released year dimension: Total → 2019 .. 2025. */
export const YEAR_DIMENSION: CellTableDimensionJson = {
  name: 'year',
  total: 'Total',
  hierarchy: { Total: ['2019', '2020', '2021', '2022', '2023', '2024', '2025'] },
};

/** Released age dimension: Total → 0-9 .. 100-109 (11) → 0-4 .. 105-109 (22). */
export const AGE_DIMENSION: CellTableDimensionJson = (() => {
  const hierarchy: Record<string, string[]> = { Total: [] };
  for (let decade = 0; decade < 110; decade += 10) {
    const label = `${decade}-${decade + 9}`;
    hierarchy['Total']!.push(label);
    hierarchy[label] = [`${decade}-${decade + 4}`, `${decade + 5}-${decade + 9}`];
  }
  return { name: 'age', total: 'Total', hierarchy };
})();

/** Released procedure dimension (the example's): 14 codes under 6 three-character prefixes. */
export const PROCEDURE_DIMENSION: CellTableDimensionJson = {
  name: 'procedure',
  total: 'Total',
  hierarchy: {
    Total: ['NFB', 'NFC', 'NFH', 'NFJ', 'NFS', 'NFU'],
    NFU: ['NFU49'],
    NFS: ['NFS19'],
    NFJ: ['NFJ50', 'NFJ60', 'NFJ62', 'NFJ70', 'NFJ71'],
    NFH: ['NFH20'],
    NFC: ['NFC12', 'NFC40'],
    NFB: ['NFB02', 'NFB12', 'NFB30', 'NFB40'],
  },
};

export const SEX_DIMENSION: CellTableDimensionJson = { name: 'sex', total: 'Total', hierarchy: { Total: ['1', '2'] } };

/** Released municipality dimension of the DP table: all 357 codes of 2024 → 15 counties → 4 health regions. */
export const MUNICIPALITY_DIMENSION: CellTableDimensionJson = {
  name: 'municipality',
  total: 'Total',
  hierarchy: municipalityHierarchy(NORWEGIAN_MUNICIPALITIES_2024.map((m) => m.code)).toJSON(),
};

/** The k-anonymity table's municipality, generalised to the total (its `levels.municipality` is 3): an empty tree. */
export const MUNICIPALITY_AT_TOTAL: CellTableDimensionJson = { name: 'municipality', total: 'Total', hierarchy: {} };
