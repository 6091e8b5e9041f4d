import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { AndFilter, InFilter, NotFilter, OrFilter, PrefixFilter, RangeFilter } from '../../src/aggregate/Filter.js';
import type { PersonRow } from '../../src/aggregate/PersonRow.js';
import type { HierarchySpec } from '../../src/hierarchy/HierarchySpec.js';
import { POLICY_JSON_SCHEMA } from '../../src/policy/policyJsonSchema.js';
import type {
  CellKeyMethodPolicy,
  DpMethodPolicy,
  ExtractPolicy,
  KAnonymityMethodPolicy,
  MethodPolicy,
  OutputPolicy,
  ReleasePolicy,
  RoundingMethodPolicy,
  RulePolicy,
  SuppressionMethodPolicy,
  TablePolicy,
} from '../../src/policy/ReleasePolicy.js';
import type { ColumnSpec } from '../../src/read/Schema.js';

const FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema', 'policy.schema.json');

type Node = { readonly [key: string]: unknown };
const S = POLICY_JSON_SCHEMA as Node;

/** Follows `$ref` and one-element `allOf` wrappers. */
function at(node: unknown): Node {
  let n = node as Node;
  for (;;) {
    if (typeof n.$ref === 'string') n = (S.definitions as Record<string, Node>)[n.$ref.replace('#/definitions/', '')]!;
    else if (Array.isArray(n.allOf) && n.allOf.length === 1) n = n.allOf[0] as Node;
    else return n;
  }
}
const props = (node: unknown): Record<string, Node> => at(node).properties as Record<string, Node>;
const keys = (node: unknown): string[] => Object.keys(props(node)).sort();

/** Every key of every member of a union type. */
type AllKeys<T> = T extends unknown ? keyof T : never;
/**
 * A list of keys of T that must name every key: leaving one out is a type error (`tsc`), so a key added to the
 * TypeScript contract without the schema, or to the schema without the contract, fails the type check or the test.
 */
function keysOf<T>() {
  return <const K extends readonly AllKeys<T>[]>(list: K & ([Exclude<AllKeys<T>, K[number]>] extends [never] ? unknown : { missing: Exclude<AllKeys<T>, K[number]> })): string[] =>
    [...list].map(String).sort();
}

describe('POLICY_JSON_SCHEMA', () => {
  it('is the committed schema/policy.schema.json, byte for byte (run npx tsx scripts/writePolicySchema.ts after a change)', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(text).toBe(`${JSON.stringify(POLICY_JSON_SCHEMA, null, 2)}\n`);
    expect(JSON.parse(text)).toEqual(POLICY_JSON_SCHEMA);
  });

  it('is a valid draft-07 schema that Ajv compiles in strict mode, and is frozen', () => {
    const ajv = new Ajv({ allowUnionTypes: true, strict: true });
    expect(POLICY_JSON_SCHEMA.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(ajv.validateSchema(POLICY_JSON_SCHEMA)).toBe(true);
    expect(() => ajv.compile(POLICY_JSON_SCHEMA)).not.toThrow();
    expect(Object.isFrozen(POLICY_JSON_SCHEMA) && Object.isFrozen(props(S).tables)).toBe(true);
  });

  it('closes every object and describes every property', () => {
    const open: string[] = [];
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${path}/${i}`));
      else if (typeof node === 'object' && node !== null) {
        const n = node as Node;
        if (n.properties !== undefined) {
          if (n.additionalProperties !== false) open.push(path);
          for (const [k, p] of Object.entries(n.properties as Record<string, Node>)) {
            if (typeof p.description !== 'string' || p.description.length < 5) undescribed.push(`${path}/properties/${k}`);
          }
        }
        for (const [k, v] of Object.entries(n)) if (k !== 'properties' || typeof v === 'object') walk(v, `${path}/${k}`);
      }
    };
    walk(S, '#');
    expect(open).toEqual([]);
    expect(undescribed).toEqual([]);
    // the one map of named entries: its values are hierarchy specs (closed themselves)
    expect(props(S).hierarchies!.additionalProperties).toEqual({ $ref: '#/definitions/hierarchySpec' });
  });

  it('has exactly the keys of the TypeScript contract (ReleasePolicy.ts, Schema.ts, HierarchySpec.ts, Filter.ts)', () => {
    const p = props(S);
    expect(keys(S)).toEqual(keysOf<ReleasePolicy>()(['prikk', 'dataset', 'recipient', 'purpose', 'agreement', 'ledger', 'extract', 'hierarchies', 'tables', 'privacyBudget', 'output']));
    expect(keys(p.extract)).toEqual(keysOf<ExtractPolicy>()(['schema', 'delimiter', 'encoding', 'decimalComma']));
    const columns = props(props(p.extract).schema).columns!;
    expect(keys(columns.items)).toEqual(
      keysOf<ColumnSpec>()(['name', 'role', 'type', 'codes', 'unknownCodes', 'missing', 'missingTokens', 'missingLabel', 'min', 'max', 'outOfRange']),
    );
    const table = (p.tables as Node).items;
    expect(keys(table)).toEqual(keysOf<TablePolicy>()(['name', 'title', 'dimensions', 'unit', 'measures', 'values', 'filter', 'personRow', 'method']));
    expect(keys(props(table).personRow)).toEqual(keysOf<PersonRow>()(['keep', 'orderBy']));
    const method = props(table).method;
    expect(keys(method)).toEqual(keysOf<MethodPolicy>()(['suppression', 'rounding', 'kAnonymity', 'dp', 'cellKey']));
    const m = props(method);
    expect(keys(m.suppression)).toEqual(keysOf<SuppressionMethodPolicy>()(['rules', 'secondary', 'cost', 'singletons', 'optimalTimeLimit']));
    expect(keys((props(m.suppression).rules as Node).items)).toEqual(keysOf<RulePolicy>()(['frequency', 'dominance', 'pPercent']));
    expect(keys(m.rounding)).toEqual(keysOf<RoundingMethodPolicy>()(['rule', 'base', 'low', 'high', 'draws', 'secret']));
    expect(keys(m.kAnonymity)).toEqual(
      keysOf<KAnonymityMethodPolicy>()(['k', 'suppressionLimit', 'sensitive', 'lDiversity', 'tCloseness', 'metric', 'records']),
    );
    expect(keys(m.dp)).toEqual(
      keysOf<DpMethodPolicy>()(['privacy', 'statistic', 'measure', 'clamp', 'resolution', 'bounds', 'margins', 'postProcess', 'confidence']),
    );
    expect(keys(m.cellKey)).toEqual(keysOf<CellKeyMethodPolicy>()(['ptable', 'secret', 'keys', 'magnitudes']));
    // the secret is a place, never a value
    expect(keys(props(m.cellKey).secret)).toEqual(keysOf<NonNullable<CellKeyMethodPolicy['secret']>>()(['env', 'file']));
    expect(keys(p.output)).toEqual(keysOf<OutputPolicy>()(['formats', 'csvDelimiter', 'decimalMark', 'decimals', 'symbols', 'reconciliation']));

    const spec = (type: HierarchySpec['type']): string[] => keys((at(S.definitions && (S.definitions as Node).hierarchySpec).oneOf as Node[]).find((b) => props(b).type!.const === type));
    expect(spec('flat')).toEqual(keysOf<Extract<HierarchySpec, { type: 'flat' }>>()(['type', 'total']));
    expect(spec('arx')).toEqual(keysOf<Extract<HierarchySpec, { type: 'arx' }>>()(['type', 'file', 'delimiter', 'total']));
    expect(spec('parentChild')).toEqual(keysOf<Extract<HierarchySpec, { type: 'parentChild' }>>()(['type', 'pairs', 'total']));
    expect(spec('intervals')).toEqual(
      keysOf<Extract<HierarchySpec, { type: 'intervals' }>>()(['type', 'bands', 'min', 'max', 'width', 'openTop', 'levels', 'anchor', 'total']),
    );
    expect(spec('prefix')).toEqual(keysOf<Extract<HierarchySpec, { type: 'prefix' }>>()(['type', 'lengths', 'total']));
    expect(spec('icd10')).toEqual(keysOf<Extract<HierarchySpec, { type: 'icd10' }>>()(['type', 'levels', 'total']));
    expect(spec('municipality')).toEqual(keysOf<Extract<HierarchySpec, { type: 'municipality' }>>()(['type', 'levels', 'allCodes', 'total']));

    const filters = (at((S.definitions as Node).filter).oneOf as Node[]).map(keys);
    expect(filters).toEqual([
      keysOf<RangeFilter>()(['column', 'range']),
      keysOf<InFilter>()(['column', 'in']),
      keysOf<PrefixFilter>()(['column', 'prefix']),
      keysOf<AndFilter>()(['and']),
      keysOf<OrFilter>()(['or']),
      keysOf<NotFilter>()(['not']),
    ]);
  });

  it('accepts the small policy of the ReleasePolicy TSDoc, refuses one key too many', () => {
    const validate = new Ajv({ allowUnionTypes: true }).compile(POLICY_JSON_SCHEMA);
    const policy = {
      prikk: 1,
      dataset: 'hip-fracture-2025',
      recipient: 'Acme Pharma AS',
      purpose: 'Feasibility of a hip-fracture trial',
      ledger: './ledger',
      extract: { schema: { columns: [{ name: 'person_id', role: 'person' }, { name: 'hospital', role: 'dimension' }] } },
      tables: [{ name: 'by_hospital', dimensions: ['hospital'], method: { suppression: { rules: [{ frequency: { n: 5 } }] } } }],
    };
    expect(validate(policy)).toBe(true);
    expect(validate({ ...policy, tables: [{ ...policy.tables[0], colour: 'red' }] })).toBe(false);
  });
});
