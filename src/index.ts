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
export type { CodeArray, CodeColumn, Column, Extract, NumberColumn, NumberColumnStats, PersonColumn, Reconciliation } from './read/Extract.js';
export type { CsvReadOptions } from './read/CsvReadOptions.js';
export type { RecordKeysReadOption } from './read/RecordKeysReadOption.js';
export { PersonRecordKeys } from './read/PersonRecordKeys.js';
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
export type { PersonRow } from './aggregate/PersonRow.js';
export { aggregateFinest } from './aggregate/aggregateFinest.js';
export type { AggregateFinestOptions } from './aggregate/aggregateFinest.js';
export { FinestTable } from './aggregate/FinestTable.js';
export type { FinestTableInit } from './aggregate/FinestTable.js';
export { describePersonRow } from './aggregate/describePersonRow.js';
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


// Protect: cell suppression (primary rules, secondary suppression) and rounding
export { suppressCells } from './protect/suppression/suppressCells.js';
export type { SuppressionCost, SuppressionPolicy } from './protect/suppression/SuppressionPolicy.js';
export type { SuppressionResult } from './protect/suppression/SuppressionResult.js';
export type { SuppressionProgress } from './protect/suppression/SuppressionProgress.js';
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
export { auditReadOptions } from './audit/auditReadOptions.js';
export type { AuditPolicy } from './audit/auditTable.js';
export type { AuditProgress } from './audit/AuditProgress.js';
export type { AuditResult, CellAudit, QuantityAudit } from './audit/AuditResult.js';

// Protect: differential privacy (exact discrete noise, contribution bounding, budgets)
export { dpCrossTable } from './protect/dp/queries/dpCrossTable.js';
export type { DpCrossTableOptions, DpDimension } from './protect/dp/queries/dpCrossTable.js';
export type { DpStatistic } from './protect/dp/queries/DpStatistic.js';
export { DpTable } from './protect/dp/queries/DpTable.js';
export type { DpNoiseLevel } from './protect/dp/queries/DpTable.js';
export { dpQuantiles } from './protect/dp/queries/dpQuantiles.js';
export type { DpQuantiles, DpQuantilesOptions } from './protect/dp/queries/dpQuantiles.js';
export { DpMechanism } from './protect/dp/mechanism/DpMechanism.js';
export type { ContributionBounds } from './protect/dp/bounding/ContributionBounds.js';
export { PublicKeySet } from './protect/dp/keys/PublicKeySet.js';
export { SelectedKeySet } from './protect/dp/keys/SelectedKeySet.js';
export type { ReleasableKeys } from './protect/dp/keys/SelectedKeySet.js';
export { selectPartitions } from './protect/dp/keys/selectPartitions.js';
export type { SelectPartitionsOptions } from './protect/dp/keys/selectPartitions.js';
export { approxDp, pureDp, zcdp, describeLoss } from './protect/dp/budget/PrivacyLoss.js';
export type { PrivacyLoss } from './protect/dp/budget/PrivacyLoss.js';
export { convertLoss } from './protect/dp/budget/convertLoss.js';
export { zcdpToApproxDp } from './protect/dp/budget/zcdpToApproxDp.js';
export { BudgetAccountant } from './protect/dp/budget/BudgetAccountant.js';
export type { BudgetAccountantOptions, SpendRecord } from './protect/dp/budget/BudgetAccountant.js';
export { splitBudget } from './protect/dp/budget/splitBudget.js';
export type { BudgetLedger, LedgerEntry } from './protect/dp/budget/BudgetLedger.js';
export { InMemoryBudgetLedger } from './protect/dp/budget/InMemoryBudgetLedger.js';
export { DatasetBudget } from './protect/dp/budget/DatasetBudget.js';
export type { DatasetBudgetOptions } from './protect/dp/budget/DatasetBudget.js';
export { sampleBernoulli } from './protect/dp/noise/sampleBernoulli.js';
export { sampleBernoulliExp } from './protect/dp/noise/sampleBernoulliExp.js';
export { discreteLaplaceSampler, sampleDiscreteLaplace } from './protect/dp/noise/sampleDiscreteLaplace.js';
export { discreteGaussianSampler, sampleDiscreteGaussian } from './protect/dp/noise/sampleDiscreteGaussian.js';
export { laplaceScale } from './protect/dp/noise/laplaceScale.js';
export { gaussianSigma2 } from './protect/dp/noise/gaussianSigma2.js';
export type { NoiseDistribution as DpNoiseDistribution } from './protect/dp/noise/NoiseDistribution.js';
export { noiseHalfWidth, noisePmf, noiseVariance } from './protect/dp/noise/NoiseDistribution.js';
export { rational } from './protect/dp/rational/Rational.js';
export type { Rational } from './protect/dp/rational/Rational.js';
export { toRational } from './protect/dp/rational/toRational.js';
export type { RationalInput } from './protect/dp/rational/toRational.js';

// Protect: the cell key method (consistent perturbation across tables)
export { cellKeyPerturbation } from './protect/cellkey/cellKeyPerturbation.js';
export type { CellKeyOptions } from './protect/cellkey/CellKeyOptions.js';
export { NOT_ADDITIVE } from './protect/cellkey/CellKeyResult.js';
export type { CellKeyResult, CountNoise, MagnitudeNoise } from './protect/cellkey/CellKeyResult.js';
export { PerturbationTable } from './protect/cellkey/PerturbationTable.js';
export type { NoiseDistribution as CellKeyNoiseDistribution, PerturbationRow, PerturbationTableKind } from './protect/cellkey/PerturbationTable.js';
export { createPTable } from './protect/cellkey/createPTable.js';
export type { CreatePTableOptions, PTableParameters } from './protect/cellkey/createPTable.js';
export { parsePTable } from './protect/cellkey/parsePTable.js';
export type { ParsePTableOptions } from './protect/cellkey/parsePTable.js';
export { readPTable } from './protect/cellkey/readPTable.js';
export { RecordKeys } from './protect/cellkey/RecordKeys.js';
export { recordKeysFromIds } from './protect/cellkey/recordKeysFromIds.js';
export type { RecordKeysFromIdsOptions } from './protect/cellkey/recordKeysFromIds.js';
export { recordKeysFromReader } from './protect/cellkey/recordKeysFromReader.js';
export { recordKeysFromExtract } from './protect/cellkey/recordKeysFromExtract.js';
export type { RecordKeysFromExtractOptions } from './protect/cellkey/recordKeysFromExtract.js';
export type { RecordKeysFromReaderOptions } from './protect/cellkey/recordKeysFromReader.js';
export { givenRecordKeys } from './protect/cellkey/givenRecordKeys.js';
export type { GivenRecordKeysOptions } from './protect/cellkey/givenRecordKeys.js';

// Protect: k-anonymity, l-diversity and t-closeness by full-domain generalisation
export { anonymise } from './protect/kanonymity/anonymise.js';
export type { AnonymiseOptions, QuasiIdentifier } from './protect/kanonymity/AnonymiseOptions.js';
export type { AnonymiseInput } from './protect/kanonymity/Microdata.js';
export type { Anonymisation, AnonymisationSummary, SearchReport } from './protect/kanonymity/output/Anonymisation.js';
export { AnonymisedRecords } from './protect/kanonymity/output/AnonymisedRecords.js';
export type { AnonymisedColumn } from './protect/kanonymity/output/AnonymisedRecords.js';
export { anonymisedTable } from './protect/kanonymity/output/anonymisedTable.js';
export type { AnonymisedTableOptions } from './protect/kanonymity/output/anonymisedTable.js';
export { truncateHierarchy } from './protect/kanonymity/output/truncateHierarchy.js';
export { verifyAnonymity } from './protect/kanonymity/verifyAnonymity.js';
export type { ModelViolation, RecordsToVerify, VerificationReport, VerifyOptions } from './protect/kanonymity/verifyAnonymity.js';
export { kAnonymity } from './protect/kanonymity/models/kAnonymity.js';
export { distinctLDiversity } from './protect/kanonymity/models/distinctLDiversity.js';
export { entropyLDiversity } from './protect/kanonymity/models/entropyLDiversity.js';
export { recursiveClDiversity } from './protect/kanonymity/models/recursiveClDiversity.js';
export { equalDistanceTCloseness } from './protect/kanonymity/models/equalDistanceTCloseness.js';
export { hierarchicalDistanceTCloseness } from './protect/kanonymity/models/hierarchicalDistanceTCloseness.js';
export { describeModel } from './protect/kanonymity/models/describeModel.js';
export { MODEL_TOLERANCE } from './protect/kanonymity/models/PrivacyModel.js';
export type {
  DistinctLDiversity,
  EntropyLDiversity,
  EqualDistanceTCloseness,
  HierarchicalDistanceTCloseness,
  KAnonymity,
  PrivacyModel,
  RecursiveClDiversity,
} from './protect/kanonymity/models/PrivacyModel.js';
export { UTILITY_METRICS } from './protect/kanonymity/metrics/UtilityMetric.js';
export type { UtilityMetric } from './protect/kanonymity/metrics/UtilityMetric.js';
export type { NodeMetrics } from './protect/kanonymity/metrics/NodeMetrics.js';

// Release: the policy file
export type {
  CellKeyMethodPolicy,
  DpMethodPolicy,
  ExtractPolicy,
  KAnonymityMethodPolicy,
  MethodPolicy,
  OutputPolicy,
  PrivacyLossPolicy,
  ReleasePolicy,
  RoundingMethodPolicy,
  RulePolicy,
  SuppressionMethodPolicy,
  TablePolicy,
} from './policy/ReleasePolicy.js';
export { POLICY_JSON_SCHEMA } from './policy/policyJsonSchema.js';
export type { JsonSchemaObject } from './policy/policyJsonSchema.js';
export { parsePolicy } from './policy/parsePolicy.js';
export { checkPolicy } from './policy/checkPolicy.js';
export { loadPolicy } from './policy/loadPolicy.js';
export type { LoadedPolicy } from './policy/loadPolicy.js';
export { requestOfPolicy } from './policy/requestOfPolicy.js';
export { canonicalJson } from './json/canonicalJson.js';

// Release: protect, audit, record and write
export { runRelease } from './release/runRelease.js';
export type { ReleaseOptions, ReleaseOutcome, ReleaseStep } from './release/ReleaseOptions.js';
export { HIDDEN_STATUSES } from './release/ReleasedTable.js';
export type { LegendEntry, ReleaseMethod, ReleasedCell, ReleasedStatus, ReleasedTable, UtilitySummary, ValueField } from './release/ReleasedTable.js';
export { MANIFEST_FORMAT } from './release/manifest/ReleaseManifest.js';
export type { AuditPartSummary, AuditSummary, BudgetSummary, ReleaseManifest, TableManifest } from './release/manifest/ReleaseManifest.js';
export { auditRelease } from './release/auditRelease.js';
export type { ReleaseFolderAudit } from './release/auditRelease.js';
export { resolveTableRequests } from './release/resolveTableRequests.js';
export { protectTables } from './release/methods/protectTables.js';
export type { MethodContext } from './release/methods/MethodContext.js';
export type { TableOutcome } from './release/methods/TableOutcome.js';
export type { TableRequest } from './release/methods/TableRequest.js';
export { assertNoHiddenValues } from './release/writers/assertNoHiddenValues.js';
export { formatCsv, formatCsvNotes } from './release/writers/formatCsv.js';
export type { CsvWriteOptions } from './release/writers/formatCsv.js';
export { formatJson } from './release/writers/formatJson.js';
export { formatXlsx } from './release/writers/formatXlsx.js';
export type { XlsxWriteOptions } from './release/writers/formatXlsx.js';
export { renderReport } from './release/report/renderReport.js';
export type { ReportInput } from './release/report/ReportInput.js';
export { formatTextTable } from './release/formatTextTable.js';
export type { TextTableOptions } from './release/formatTextTable.js';
export { formatReconciliation } from './release/formatReconciliation.js';

// Ledger: the append-only, hash-chained record of releases and privacy spent
export { ReleaseLedger } from './ledger/ReleaseLedger.js';
export type { LedgerLockWaitOptions, ReleaseLedgerOptions, StoredFileInput } from './ledger/ReleaseLedger.js';
export { LEDGER_FORMAT } from './ledger/LedgerRecord.js';
export type { LedgerRecord, LedgerTable, NewLedgerRecord } from './ledger/LedgerRecord.js';
export { verifyLedger } from './ledger/verifyLedger.js';
export type { LedgerVerification, VerifyLedgerOptions } from './ledger/verifyLedger.js';
export { summariseLedgers } from './ledger/summariseLedgers.js';
export type { LedgerSummary } from './ledger/summariseLedgers.js';
export { readLedgerRecords } from './ledger/readLedgerRecords.js';
export { formatLedgerSummary } from './ledger/formatLedgerSummary.js';
export { formatLedgerRecords } from './ledger/formatLedgerRecords.js';
