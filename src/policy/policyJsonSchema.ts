/**
 * The JSON Schema of a release policy ({@link ReleasePolicy}), written out as `schema/policy.schema.json` by
 * `scripts/writePolicySchema.ts` (a test checks that the file and this object are equal).
 *
 * Shapes used, so that Ajv's errors can be turned into one clear message each (`schemaProblems`):
 * - every object is closed (`additionalProperties: false`), so a typo is an error, not a silently ignored key;
 * - "exactly one of" objects (a method, a rule, a privacy loss, a secret) are one object with every choice among its
 *   `properties` and `minProperties: 1, maxProperties: 1`, never a `oneOf`;
 * - other unions (a p-table, a hierarchy spec, a filter, a hierarchy named or given) are a `oneOf` of closed objects
 *   with nothing beside the `oneOf` but a description; hierarchy specs are told apart by `type` (a `const`);
 * - primitive unions (a number or a string) are a `type` list.
 */
import type { ReleasePolicy } from './ReleasePolicy.js';

/** A JSON Schema (draft-07) object, as plain data. */
export type JsonSchemaObject = { readonly [key: string]: unknown };

type Props = Record<string, JsonSchemaObject>;

/** A closed object. */
function object(description: string, properties: Props, required: readonly string[] = [], extra: JsonSchemaObject = {}): JsonSchemaObject {
  return {
    type: 'object',
    description,
    ...(required.length > 0 ? { required: [...required] } : {}),
    properties,
    additionalProperties: false,
    ...extra,
  };
}

/** A closed object with exactly one of its properties. */
function exactlyOne(description: string, properties: Props): JsonSchemaObject {
  return object(description, properties, [], { minProperties: 1, maxProperties: 1 });
}

/** Where a registry secret is (never the secret): exactly one of an environment variable's name or a file. */
function secretSchema(defaults: string): JsonSchemaObject {
  return exactlyOne(`${defaults} Where the registry secret (at least 32 bytes) is: exactly one of env, file.`, {
    env: text('The name of the environment variable that holds the secret (not the secret itself).', { pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 128 }),
    file: text('A file that holds the secret, relative to the policy file.'),
  });
}

function text(description: string, extra: JsonSchemaObject = {}): JsonSchemaObject {
  return { type: 'string', description, minLength: 1, ...extra };
}

function integer(description: string, extra: JsonSchemaObject = {}): JsonSchemaObject {
  return { type: 'integer', description, ...extra };
}

function number(description: string, extra: JsonSchemaObject = {}): JsonSchemaObject {
  return { type: 'number', description, ...extra };
}

function boolean(description: string): JsonSchemaObject {
  return { type: 'boolean', description };
}

function oneOfEnum(description: string, values: readonly string[]): JsonSchemaObject {
  return { type: 'string', description, enum: [...values] };
}

function list(description: string, items: JsonSchemaObject, extra: JsonSchemaObject = {}): JsonSchemaObject {
  return { type: 'array', description, items, ...extra };
}

function ref(name: string, description: string): JsonSchemaObject {
  // draft-07 ignores keywords beside `$ref`, so the description goes on an `allOf` wrapper.
  return { description, allOf: [{ $ref: `#/definitions/${name}` }] };
}

const TOTAL = text('Defaults to `Total`. The label of the root.');

/** A decimal text or a fraction, positive, as `toRational` reads it (`0.5`, `1e-2`, `1/3`). */
const LOSS_VALUE: JsonSchemaObject = {
  type: ['number', 'string'],
  exclusiveMinimum: 0,
  pattern: '^\\+?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$|^\\+?\\d+\\s*/\\s*\\d+$',
};

function privacyLoss(description: string): JsonSchemaObject {
  return exactlyOne(description, {
    epsilon: { ...LOSS_VALUE, description: 'Pure ε-differential privacy (discrete Laplace): ε > 0, a number or decimal text (`0.5`, `1/3`).' },
    rho: { ...LOSS_VALUE, description: 'ρ-zero-concentrated differential privacy (discrete Gaussian): ρ > 0, a number or decimal text.' },
  });
}

function ptableParameters(description: string, withPstay: boolean): JsonSchemaObject {
  return object(
    description,
    {
      D: integer('Required. The largest deviation: noise takes values in -D..D.', { minimum: 1, maximum: 49 }),
      V: number('Required. The noise variance (> 0).', { exclusiveMinimum: 0 }),
      js: integer('Defaults to 0. No original count >= 1 is ever published as 1..js.', { minimum: 0, maximum: 49 }),
      ...(withPstay ? { pstay: number('Defaults to none. A lower bound on the probability that a value stays unchanged, 0 < pstay < 1.', { exclusiveMinimum: 0, exclusiveMaximum: 1 }) } : {}),
    },
    ['D', 'V'],
  );
}

const PTABLE_FILE = object('A p-table file (tau-ARGUS or the ptable package), relative to the policy file.', { file: text('Required. The p-table file, relative to the policy file.') }, ['file']);

const FILTER_VALUE: JsonSchemaObject = {
  type: ['number', 'string'],
  description: 'A number, or text read as the column reads it (an ISO date `YYYY-MM-DD` for a date column, a code for a code column).',
};

const INTERVAL_BAND = object(
  'A numeric band `from <= x < to`; `to` omitted means no upper bound (`85+`).',
  {
    from: number('Required. Lower bound, inclusive.'),
    to: number('Upper bound, exclusive. Defaults to no upper bound (an open top band), allowed for the last band only.'),
    label: text('Defaults to `0-4` for integer bounds, `85+` for an open top band.'),
  },
  ['from'],
);

function hierarchyVariant(type: string, description: string, properties: Props = {}, required: readonly string[] = []): JsonSchemaObject {
  return object(description, { type: { const: type, description: `Required. \`${type}\`.` }, ...properties, total: TOTAL }, ['type', ...required]);
}

const HIERARCHY_SPEC: JsonSchemaObject = {
  description: 'A hierarchy described in plain data (`buildHierarchy`), told apart by its `type`.',
  oneOf: [
    hierarchyVariant('flat', "The column's values under the total."),
    hierarchyVariant(
      'arx',
      'An ARX hierarchy file (`value;level1;...;*`), relative to the policy file.',
      { file: text('Required. The ARX hierarchy file, relative to the policy file.'), delimiter: text('Defaults to `;`. The field delimiter of the file.') },
      ['file'],
    ),
    hierarchyVariant(
      'parentChild',
      'Any tree, as [child, parent] pairs.',
      {
        pairs: list(
          'Required. The [child, parent] pairs; the leaves are the children that are nobody\'s parent.',
          { type: 'array', description: 'A pair [child, parent].', items: [text('The child.'), text('The parent.')], minItems: 2, additionalItems: false },
          { minItems: 1 },
        ),
      },
      ['pairs'],
    ),
    hierarchyVariant('intervals', 'Numeric bands: give `bands`, or `min`, `max` and `width`.', {
      bands: list('The leaf bands, in increasing order and not overlapping. Required unless `width` is given.', INTERVAL_BAND, { minItems: 1 }),
      min: number('Lower bound of generated bands. Give it with `max` so that the bands are public.'),
      max: number('Upper bound (exclusive) of generated bands; `max - min` must be a multiple of `width`.'),
      width: number('Width of generated bands. Required unless `bands` is given.', { exclusiveMinimum: 0 }),
      openTop: boolean('Defaults to false. Add an open band `[max, Infinity)` labelled `${max}+`.'),
      levels: list(
        'Defaults to none. Coarser levels, finest first: a band width (widths must nest), or a list of bands.',
        { type: ['number', 'array'], description: 'A band width (> 0), or an explicit list of bands.', exclusiveMinimum: 0, items: INTERVAL_BAND, minItems: 1 },
      ),
      anchor: number('Defaults to 0. Where width-based coarser bands start counting from.'),
    }),
    hierarchyVariant(
      'prefix',
      'Code prefixes, finest-but-one first.',
      { lengths: list('Required. Prefix lengths, finest-but-one first, e.g. [2].', integer('A prefix length.', { minimum: 1 }), { minItems: 1 }) },
      ['lengths'],
    ),
    hierarchyVariant('icd10', 'ICD-10 category, block, chapter (WHO 2019).', {
      levels: list('Defaults to all three. The ICD-10 levels above the codes.', oneOfEnum('An ICD-10 level.', ['category', 'block', 'chapter']), { minItems: 1, uniqueItems: true }),
    }),
    hierarchyVariant('municipality', 'Norwegian municipality -> county -> health region (2024).', {
      levels: list('Defaults to both. The levels above the municipality.', oneOfEnum('A level.', ['county', 'region']), { minItems: 1, uniqueItems: true }),
      allCodes: boolean('Defaults to false. Use all 357 municipality codes of 2024 as the leaves (public keys), not the values found.'),
    }),
  ],
};

const COLUMN_NAME = text('A column name of `extract.schema`.');

const FILTER: JsonSchemaObject = {
  description: 'A row filter: ranges, value sets and code prefixes on columns, combined with `and`, `or` and `not`.',
  oneOf: [
    object(
      'Keeps the rows whose value in a number column lies in `[min, max]`, both ends inclusive.',
      {
        column: { ...COLUMN_NAME, description: 'Required. A number column of the extract.' },
        range: object('Required. `min` and/or `max`, inclusive.', { min: { ...FILTER_VALUE, description: 'The lower bound, inclusive.' }, max: { ...FILTER_VALUE, description: 'The upper bound, inclusive.' } }, [], {
          minProperties: 1,
        }),
      },
      ['column', 'range'],
    ),
    object(
      'Keeps the rows whose value is one of a set.',
      { column: { ...COLUMN_NAME, description: 'Required. A column of the extract.' }, in: list('Required. The values to keep; at least one.', FILTER_VALUE, { minItems: 1 }) },
      ['column', 'in'],
    ),
    object(
      'Keeps the rows whose code starts with one of the prefixes.',
      {
        column: { ...COLUMN_NAME, description: 'Required. A code column of the extract.' },
        prefix: {
          type: ['string', 'array'],
          description: 'Required. One prefix or a non-empty list of prefixes.',
          minLength: 1,
          items: text('A prefix.'),
          minItems: 1,
        },
      },
      ['column', 'prefix'],
    ),
    object('Keeps the rows that every filter of the list keeps.', { and: list('Required. The filters; at least one.', { $ref: '#/definitions/filter' }, { minItems: 1 }) }, ['and']),
    object('Keeps the rows that at least one filter of the list keeps.', { or: list('Required. The filters; at least one.', { $ref: '#/definitions/filter' }, { minItems: 1 }) }, ['or']),
    object('Keeps the rows that the inner filter removes.', { not: ref('filter', 'Required. The inner filter.') }, ['not']),
  ],
};

const COLUMN_SPEC = object(
  'One column of the extract.',
  {
    name: text('Required. The column\'s name, as in the CSV header.'),
    role: oneOfEnum('Required. What the column is for: person (the pseudonymous person id, at most one), dimension, measure, attribute (filters only) or ignore.', [
      'person',
      'dimension',
      'measure',
      'attribute',
      'ignore',
    ]),
    type: oneOfEnum('Defaults to `code` for person and dimension columns, `decimal` for measures. How the text is read.', ['code', 'integer', 'decimal', 'year', 'date']),
    codes: list('Optional public code list for a `code` column: a value outside it is an error, and every code appears in tables.', { type: 'string', description: 'A code (quote codes like `0301` in YAML).' }, {
      uniqueItems: true,
    }),
    unknownCodes: oneOfEnum('Defaults to `error`. What to do with a value outside `codes`.', ['error', 'exclude']),
    missing: oneOfEnum('Defaults to `error`. What to do with a missing value: stop, drop the row, or keep it as `missingLabel`.', ['error', 'exclude', 'category']),
    missingTokens: list('Defaults to `[]`. Text that means "missing" besides the empty field.', { type: 'string', description: 'A token.' }),
    missingLabel: text('Defaults to `(missing)`. The label of missing values with `missing: category`.'),
    min: number('For numeric columns: the smallest allowed value (inclusive). A measure defaults to 0.'),
    max: number('For numeric columns: the largest allowed value (inclusive).'),
    outOfRange: oneOfEnum('Defaults to `error`. What to do with a value outside `[min, max]`.', ['error', 'exclude']),
  },
  ['name', 'role'],
);

const RULE = exactlyOne('A primary rule: exactly one of frequency, dominance, pPercent.', {
  frequency: object(
    'The threshold rule: a cell is sensitive when 0 < count < n.',
    {
      n: integer('Required. The smallest safe count.', { minimum: 1 }),
      zerosSensitive: boolean('Defaults to false. Treat zero cells as sensitive too.'),
      minWidth: number('Defaults to 0. The protection interval a hidden sensitive cell needs.', { minimum: 0 }),
    },
    ['n'],
  ),
  dominance: object(
    'The (n, k) dominance rule: a cell is sensitive when its n largest contributors hold more than k % of its sum.',
    {
      measure: text('Required. The measure the rule reads; one of the table\'s `measures`.'),
      n: integer('Required. The number of largest contributors.', { minimum: 1 }),
      k: number('Required. The share in percent, 0 < k <= 100.', { exclusiveMinimum: 0, maximum: 100 }),
    },
    ['measure', 'n', 'k'],
  ),
  pPercent: object(
    'The p % rule (pq rule with q): a cell is sensitive when the second largest contributor could estimate the largest within p %.',
    {
      measure: text('Required. The measure the rule reads; one of the table\'s `measures`.'),
      p: number('Required. The precision in percent, 0 < p < q.', { exclusiveMinimum: 0, exclusiveMaximum: 100 }),
      q: number('Defaults to 100. The prior precision of the pq rule, p < q <= 100.', { exclusiveMinimum: 0, maximum: 100 }),
    },
    ['measure', 'p'],
  ),
});

const METHOD = exactlyOne('Required. Exactly one protection method: suppression, rounding, kAnonymity, dp or cellKey.', {
  suppression: object(
    'Cell suppression. Tables whose suppression settings are equal are protected together (linked tables).',
    {
      rules: list('Required. At least one primary rule.', { $ref: '#/definitions/rule' }, { minItems: 1 }),
      secondary: oneOfEnum('Defaults to `fast`. The secondary suppression method.', ['fast', 'optimal']),
      cost: oneOfEnum('Defaults to `cells`. What secondary suppression minimises.', ['cells', 'value']),
      singletons: boolean('Defaults to true. Protect a hidden count-1 cell from its lone partner in a relation.'),
      optimalTimeLimit: number(
        'Optimal method only. Defaults to 60. Seconds for the optimal search; when they run out, the best protecting pattern found (at worst the fast one) is released, and the manifest says it is not proven optimal.',
        { exclusiveMinimum: 0 },
      ),
    },
    ['rules'],
  ),
  rounding: object(
    'Rounding of counts. `nhs`: low..high shown as the symbol, others to base; `base`: conventional; `random`: unbiased random.',
    {
      rule: oneOfEnum('Required. The rounding rule.', ['nhs', 'base', 'random']),
      base: integer('Defaults to 5. The rounding base (an integer >= 2).', { minimum: 2 }),
      low: integer('NHS rule only. Defaults to 1. The smallest count shown as the symbol.', { minimum: 1 }),
      high: integer('NHS rule only. Defaults to 7. The largest count shown as the symbol.', { minimum: 1 }),
      draws: oneOfEnum(
        "Random rule only. Defaults to `keyed`. `keyed`: each cell's draw comes from its persons' record keys (HMAC of their ids under the registry secret), so the same persons round the same way in every table and release; `fresh`: a new draw per release (weaker: differently written requests can be averaged).",
        ['keyed', 'fresh'],
      ),
      secret: secretSchema('Random rule with keyed draws only. Defaults to `{ env: PRIKK_CELL_KEY_SECRET }`.'),
    },
    ['rule'],
  ),
  kAnonymity: object(
    "k-anonymity (and optionally l-diversity / t-closeness) of the table's dimensions as quasi-identifiers.",
    {
      k: integer('Required. Every combination of the generalised dimensions holds at least k records.', { minimum: 1 }),
      suppressionLimit: number('Defaults to 0. Share of records that may be suppressed (0..1).', { minimum: 0, maximum: 1 }),
      sensitive: text('Defaults to none. A sensitive attribute column for l-diversity / t-closeness.'),
      lDiversity: object(
        'Defaults to none. l-diversity of the sensitive attribute in every class.',
        {
          kind: oneOfEnum('Required. distinct, entropy or recursive (c, l)-diversity.', ['distinct', 'entropy', 'recursive']),
          l: number('Required. l >= 1 (an integer for distinct and recursive).', { minimum: 1 }),
          c: number('Required for `recursive` only: c > 0.', { exclusiveMinimum: 0 }),
        },
        ['kind', 'l'],
      ),
      tCloseness: object(
        'Defaults to none. t-closeness of the sensitive attribute in every class.',
        {
          kind: oneOfEnum('Required. Equal or hierarchical ground distance.', ['equal', 'hierarchical']),
          t: number('Required. 0 <= t <= 1.', { minimum: 0, maximum: 1 }),
        },
        ['kind', 't'],
      ),
      metric: oneOfEnum("Defaults to `loss` (ARX's default). The utility metric the search minimises.", ['loss', 'discernibility', 'height', 'averageClassSize']),
      records: boolean('Defaults to false. Also write the anonymised records (`<name>.records.csv`).'),
    },
    ['k'],
  ),
  dp: object(
    'Differential privacy over public keys (every hierarchy leaf is released, empty ones too).',
    {
      privacy: ref('privacyLoss', "Required. The table's privacy loss, charged to the dataset's lifetime budget."),
      statistic: oneOfEnum('Required. What the cells release.', ['persons', 'rows', 'sum', 'mean']),
      measure: text('Required for `sum` and `mean`: the measure; one of the table\'s `measures`.'),
      clamp: object(
        'Required for `sum` and `mean`: the clamping bounds of one contribution.',
        { lower: number('Required. The lower bound.'), upper: number('Required. The upper bound, above `lower`.') },
        ['lower', 'upper'],
      ),
      resolution: number('Defaults to 1. Resolution of sums in fixed point.', { exclusiveMinimum: 0 }),
      bounds: object(
        'Required. Contribution bounds: they make the privacy guarantee true.',
        {
          maxPartitionsPerPerson: integer('Required. The most cells one person contributes to, 1..1000000.', { minimum: 1, maximum: 1_000_000 }),
          maxRowsPerPartition: integer('Required. The most rows one person contributes to one cell, 1..1000000.', { minimum: 1, maximum: 1_000_000 }),
        },
        ['maxPartitionsPerPerson', 'maxRowsPerPartition'],
      ),
      margins: oneOfEnum('Defaults to `allLevels`. Which hierarchy levels get their own noisy cells.', ['allLevels', 'finestOnly']),
      postProcess: boolean('Defaults to true. Make the noisy cells add up (consistent margins).'),
      confidence: number('Defaults to 0.95. The confidence level of the published error bounds, 0 < confidence < 1.', { exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    },
    ['privacy', 'statistic', 'bounds'],
  ),
  cellKey: object(
    'The cell key method. The registry secret never appears in a policy: it is named by an environment variable or a file.',
    {
      ptable: {
        description: 'Required. The counts p-table: generated from parameters { D, V, js?, pstay? }, or a file { file }.',
        oneOf: [ptableParameters('A p-table generated from parameters (maximum entropy, as the ptable package).', true), PTABLE_FILE],
      },
      secret: secretSchema('Defaults to `{ env: PRIKK_CELL_KEY_SECRET }`.'),
      keys: oneOfEnum('Defaults to `mod1`. How record keys combine into cell keys.', ['mod1', 'mod256']),
      magnitudes: object(
        'Required when the table publishes sums or means: how sums are perturbed.',
        {
          ptable: {
            description: 'Required. The magnitudes p-table: generated from parameters { D, V }, or a file { file }.',
            oneOf: [ptableParameters('A magnitudes p-table generated from parameters.', false), PTABLE_FILE],
          },
          p: number("Defaults to 0.05. The noise's scale relative to the contributions it scales with (the cellKey package's p), 0 < p <= 1.", { exclusiveMinimum: 0, maximum: 1 }),
          epsilon: list(
            "Defaults to `[1]`. Weights of the largest contributions (the cellKey package's epsilon): in [0, 1], descending, the first 1.",
            number('A weight.', { minimum: 0, maximum: 1 }),
            { minItems: 1 },
          ),
        },
        ['ptable'],
      ),
    },
    ['ptable'],
  ),
});

const DIMENSION: JsonSchemaObject = {
  type: ['string', 'object'],
  description: 'A column name, or a column with a hierarchy (a name in `hierarchies` or a spec).',
  minLength: 1,
  required: ['column'],
  properties: {
    column: text('Required. A dimension column of `extract.schema`.'),
    hierarchy: {
      description: 'Defaults to a flat hierarchy. A name in `hierarchies`, or a hierarchy spec.',
      oneOf: [text('The name of a hierarchy in `hierarchies`.'), { $ref: '#/definitions/hierarchySpec' }],
    },
  },
  additionalProperties: false,
};

const TABLE = object(
  'One table of a release.',
  {
    name: text("Required. File stem of the table's outputs, `[A-Za-z0-9_-]+`, unique in the policy.", { pattern: '^[A-Za-z0-9_-]+$' }),
    title: text('Defaults to the name. A human title for the report and the XLSX sheet.'),
    dimensions: list('Required. One to eight dimensions.', DIMENSION, { minItems: 1, maxItems: 8 }),
    unit: oneOfEnum('Defaults to `persons` when the schema has a person column, else `rows`. What a count counts.', ['rows', 'persons']),
    measures: list('Defaults to `[]`. Measures whose sums (and means) the table may publish.', text('A measure column of `extract.schema`.'), { uniqueItems: true }),
    values: list(
      'Defaults to the count only (`[unit]`). What each published cell shows: `persons`, `rows`, `sum:<measure>`, `mean:<measure>`.',
      text('`persons`, `rows`, `sum:<measure>` or `mean:<measure>`.', { pattern: '^(persons|rows|(sum|mean):.+)$' }),
      { minItems: 1, uniqueItems: true },
    ),
    filter: ref('filter', 'Defaults to none. Selects the cohort (same form as `aggregate`\'s filter).'),
    personRow: object(
      'Defaults to none (every row of the cohort counts). Count each person once, in the cell of one chosen row (after the filter): persons tables become additive, so suppression can protect them. Needs a person column; not with dp.',
      {
        keep: oneOfEnum('Required. `first` keeps the row with the smallest `orderBy` (the earliest in the file on ties), `last` the largest (the latest on ties).', ['first', 'last']),
        orderBy: text('Defaults to file order. A number, year or date column of `extract.schema` that orders each person\'s rows.'),
      },
      ['keep'],
    ),
    method: ref('method', 'Required. Exactly one protection method: suppression, rounding, kAnonymity, dp or cellKey.'),
  },
  ['name', 'dimensions', 'method'],
);

const SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:prikk:release-policy:1',
  title: 'prikk release policy',
  description:
    'A release policy: what an analyst releases, to whom, why, and under which rules. Relative paths (hierarchy files, p-tables, the ledger) are relative to the policy file\'s folder.',
  type: 'object',
  required: ['prikk', 'dataset', 'recipient', 'purpose', 'ledger', 'extract', 'tables'],
  properties: {
    prikk: { const: 1, description: 'Required. The policy format version: 1.' },
    dataset: text(
      "Required. The dataset's name in the ledger (`[A-Za-z0-9._-]+`): every release from it is checked against the earlier ones, and its privacy budget is a lifetime budget.",
      { pattern: '^[A-Za-z0-9._-]+$' },
    ),
    recipient: text('Required. Who receives the release (organisation, and person if the agreement names one).'),
    purpose: text('Required. The stated purpose, as in the agreement.'),
    agreement: text("Defaults to none. The agreement's reference (case number), copied to the manifest and ledger."),
    ledger: text("Required. The ledger folder (relative to the policy file); the CLI's `--ledger` overrides it."),
    extract: object(
      'Required. How to read the extract.',
      {
        schema: object("Required. The columns and their roles, as `readCsv`'s schema.", { columns: list('Required. The columns, in any order (matched by header name).', COLUMN_SPEC, { minItems: 1 }) }, [
          'columns',
        ]),
        delimiter: oneOfEnum('Defaults to detected (`;`, `,` or tab). The field delimiter.', [';', ',', '\t']),
        encoding: oneOfEnum('Defaults to `utf8`. The text encoding.', ['utf8', 'latin1']),
        decimalComma: boolean('Defaults to false. Decimal numbers use `,` as the decimal mark.'),
      },
      ['schema'],
    ),
    hierarchies: {
      type: 'object',
      description: 'Defaults to none. Named hierarchies that tables refer to by name.',
      propertyNames: { type: 'string', minLength: 1 },
      additionalProperties: { $ref: '#/definitions/hierarchySpec' },
    },
    tables: list('Required. One or more tables.', TABLE, { minItems: 1 }),
    privacyBudget: ref('privacyLoss', "Required when a table uses `dp`: the dataset's lifetime privacy budget (exactly one of epsilon, rho)."),
    output: object('Defaults to `{ formats: [csv, json, xlsx, html] }`. Output formats and how values look.', {
      formats: list('Defaults to all four. The files written per table (html: one report).', oneOfEnum('A format.', ['csv', 'json', 'xlsx', 'html']), { minItems: 1, uniqueItems: true }),
      csvDelimiter: oneOfEnum('Defaults to `;` (Excel in Nordic locales).', [';', ',', '\t']),
      decimalMark: oneOfEnum('Defaults to `,` when the delimiter is `;`, else `.`.', ['.', ',']),
      decimals: integer('Defaults to 1. Decimals shown for means and noisy values that are not whole numbers.', { minimum: 0, maximum: 12 }),
      symbols: object("Defaults to `{ primary: '..', secondary: '..', small: '*' }`. What a hidden cell shows, per status.", {
        primary: text('Defaults to `..`. A cell hidden by a primary rule.'),
        secondary: text('Defaults to `..`. A cell hidden to protect another.'),
        small: text('Defaults to `*`. A small count shown as a symbol (rounding).'),
      }),
      reconciliation: oneOfEnum(
        'Defaults to `withhold` when a table uses dp, else `show`. Whether the recipient\'s manifest and report show the exact counts of input rows used and excluded (the ledger keeps them either way): exact counts are not covered by differential privacy.',
        ['show', 'withhold'],
      ),
    }),
  },
  additionalProperties: false,
  definitions: {
    hierarchySpec: HIERARCHY_SPEC,
    filter: FILTER,
    rule: RULE,
    method: METHOD,
    privacyLoss: privacyLoss('A privacy loss: exactly one of epsilon (pure ε-DP) or rho (ρ-zCDP).'),
  },
} as const satisfies JsonSchemaObject;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The JSON Schema (draft-07) of a {@link ReleasePolicy}, exactly as the TypeScript type reads, with every object
 * closed (`additionalProperties: false`) so that a misspelt key is an error, and a `description` on every property
 * (from the TSDoc of `ReleasePolicy.ts`, `HierarchySpec.ts`, `Schema.ts`, `Filter.ts`). It is the file
 * `schema/policy.schema.json` that ships with the package, for editors and other validators; `parsePolicy` validates
 * with it (Ajv) before the meaning checks of `checkPolicy`.
 *
 * A secret has no place in it: the cell key secret is `{ env }` or `{ file }`, never a value.
 *
 * Cost: a constant, deeply frozen.
 *
 * @throws nothing (a constant).
 * @example
 * POLICY_JSON_SCHEMA.required // ['prikk', 'dataset', 'recipient', 'purpose', 'ledger', 'extract', 'tables']
 * new Ajv({ allowUnionTypes: true }).compile(POLICY_JSON_SCHEMA)({ prikk: 1 }) // false (dataset, … missing)
 */
export const POLICY_JSON_SCHEMA: JsonSchemaObject & { readonly $id: string; readonly required: readonly string[] } = deepFreeze(SCHEMA);
