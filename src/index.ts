/**
 * prikk: safe aggregate tables from medical quality registry extracts.
 *
 * The only barrel of the package, grouped by the stages of the data flow:
 * read -> hierarchies and code lists -> aggregate -> protect -> audit -> release.
 */

// Errors and randomness
export { PrikkError, formatLocation } from './errors/PrikkError.js';
export type { ErrorLocation, PrikkErrorCode } from './errors/PrikkError.js';
export type { RandomSource } from './random/RandomSource.js';
export { cryptoRandomSource } from './random/cryptoRandomSource.js';
export { seededRandomSource } from './random/seededRandomSource.js';
export { uniformBigInt, uniformInt } from './random/uniformInt.js';
export { VERSION } from './version.js';

// Read: extracts against a schema
export type { ColumnRole, ColumnSpec, ColumnType, MissingPolicy, Schema } from './read/Schema.js';
export type { CodeArray, CodeColumn, Column, Extract, NumberColumn, PersonColumn, Reconciliation } from './read/Extract.js';
export type { CsvReadOptions } from './read/CsvReadOptions.js';
export type { Delimiter, Dialect } from './read/detectDialect.js';
export type { TextEncodingName } from './read/TextCodec.js';
export { readCsv } from './read/readCsv.js';
export { readCsvBuffer } from './read/readCsvBuffer.js';
export { readRows } from './read/readRows.js';
export type { InMemoryReadOptions } from './read/InMemoryReadOptions.js';
export { readColumns } from './read/readColumns.js';
export { detectDialect } from './read/detectDialect.js';
export { inferSchema } from './read/inferSchema.js';
export type { InspectOptions } from './read/inferSchema.js';
export type { ColumnInspection, SchemaInspection } from './read/SchemaInspection.js';
export { formatInspection } from './read/formatInspection.js';

// Hierarchies and public code lists
export { Hierarchy } from './hierarchy/Hierarchy.js';
export type { HierarchyInit, HierarchyJson, LeafBands } from './hierarchy/Hierarchy.js';
export { flatHierarchy } from './hierarchy/flatHierarchy.js';
export type { FlatHierarchyOptions } from './hierarchy/flatHierarchy.js';
export { hierarchyFromArx } from './hierarchy/hierarchyFromArx.js';
export type { ArxHierarchyOptions } from './hierarchy/hierarchyFromArx.js';
export { readArxHierarchy } from './hierarchy/readArxHierarchy.js';
export { hierarchyFromParentChild } from './hierarchy/hierarchyFromParentChild.js';
export type { ParentChildOptions } from './hierarchy/hierarchyFromParentChild.js';
export { intervalHierarchy } from './hierarchy/intervalHierarchy.js';
export type { IntervalBand, IntervalHierarchyOptions, IntervalLevel } from './hierarchy/intervalHierarchy.js';
export { prefixHierarchy } from './hierarchy/prefixHierarchy.js';
export type { PrefixHierarchyOptions } from './hierarchy/prefixHierarchy.js';
export { buildHierarchy } from './hierarchy/buildHierarchy.js';
export type { BuildHierarchyOptions } from './hierarchy/buildHierarchy.js';
export type { HierarchySpec } from './hierarchy/HierarchySpec.js';
export { icd10Hierarchy } from './codelists/icd10Hierarchy.js';
export type { Icd10HierarchyOptions, Icd10Level } from './codelists/icd10Hierarchy.js';
export { ICD10_BLOCKS, ICD10_CHAPTERS, icd10BlockOf } from './codelists/icd10Who2019.js';
export type { Icd10Block, Icd10Chapter } from './codelists/icd10Who2019.js';
export { municipalityHierarchy } from './codelists/municipalityHierarchy.js';
export type { MunicipalityHierarchyOptions, MunicipalityLevel } from './codelists/municipalityHierarchy.js';
export { NORWEGIAN_COUNTIES_2024 } from './codelists/norwegianCounties2024.js';
export type { NorwegianCounty } from './codelists/norwegianCounties2024.js';
export { NORWEGIAN_MUNICIPALITIES_2024 } from './codelists/norwegianMunicipalities2024.js';
export type { NorwegianMunicipality } from './codelists/norwegianMunicipalities2024.js';
export { NORWEGIAN_HEALTH_REGIONS, healthRegionOfCounty } from './codelists/norwegianHealthRegions.js';
export type { HealthRegion, HealthRegionName } from './codelists/norwegianHealthRegions.js';

// Aggregate: the cell table with every margin
export { aggregate } from './aggregate/aggregate.js';
export type { AggregateOptions, DimensionSpec } from './aggregate/AggregateOptions.js';
export type { AndFilter, Filter, FilterValue, InFilter, NotFilter, OrFilter, PrefixFilter, RangeFilter } from './aggregate/Filter.js';
export { describeFilter } from './aggregate/describeFilter.js';
export { CELL_STATUS, CellTable } from './aggregate/CellTable.js';
export type { CellStatus, CellTableInit, CountUnit, TableDimension, TopContributions } from './aggregate/CellTable.js';
export { CELL_TABLE_FORMAT } from './aggregate/CellTableJson.js';
export type { CellJson, CellTableDimensionJson, CellTableJson } from './aggregate/CellTableJson.js';
export { cellTableToJson } from './aggregate/cellTableToJson.js';
export type { CellTableToJsonOptions } from './aggregate/cellTableToJson.js';
export { cellTableFromJson } from './aggregate/cellTableFromJson.js';
export type { CellTableFromJsonOptions } from './aggregate/cellTableFromJson.js';

// Release: writers
export { formatTextTable } from './release/formatTextTable.js';
export type { TextTableOptions } from './release/formatTextTable.js';
export { formatReconciliation } from './release/formatReconciliation.js';

// Protect: cell suppression (primary rules, secondary suppression) and rounding
export { suppressCells } from './protect/suppression/suppressCells.js';
export type { SuppressionCost, SuppressionPolicy } from './protect/suppression/SuppressionPolicy.js';
export type { SuppressionResult } from './protect/suppression/SuppressionResult.js';
export type { PrimaryRule } from './protect/suppression/rules/PrimaryRule.js';
export { frequencyRule } from './protect/suppression/rules/frequencyRule.js';
export type { FrequencyRuleOptions } from './protect/suppression/rules/frequencyRule.js';
export { dominanceRule } from './protect/suppression/rules/dominanceRule.js';
export type { DominanceRuleOptions } from './protect/suppression/rules/dominanceRule.js';
export { pPercentRule } from './protect/suppression/rules/pPercentRule.js';
export type { PPercentRuleOptions } from './protect/suppression/rules/pPercentRule.js';
export { applyPrimaryRules } from './protect/suppression/rules/applyPrimaryRules.js';
export type { PrimarySuppression } from './protect/suppression/rules/applyPrimaryRules.js';
export type { RoundedTable } from './protect/rounding/RoundedTable.js';
export { roundToBase } from './protect/rounding/roundToBase.js';
export type { RoundToBaseOptions } from './protect/rounding/roundToBase.js';
export { nhsRounding } from './protect/rounding/nhsRounding.js';
export type { NhsRoundingOptions } from './protect/rounding/nhsRounding.js';
export { randomRounding } from './protect/rounding/randomRounding.js';
export type { RandomRoundingOptions } from './protect/rounding/randomRounding.js';

// Audit: the LP check that no hidden cell can be recomputed or pinned
export { auditTable } from './audit/auditTable.js';
export type { AuditPolicy } from './audit/auditTable.js';
export type { AuditResult, CellAudit } from './audit/AuditResult.js';
