/**
 * Verification of the ledger's tamper evidence (docs/verification.md): the live database or an
 * export file, streamed, stopping at the first bad position; and the export writer.
 */
export * from './report';
export { ChainVerifier, type ChainVerifierOptions, type ExpectedEnd } from './chain-verifier';
export { PartialVerifier } from './partial-verifier';
export { openTrustedCheckpoint, toVerifier, type TrustedCheckpoint } from './checkpoint-check';
export { verifyDatabase, type VerifyDatabaseOptions } from './verify-database';
export { LeafHashWorkers, inlineLeafHasher, defaultWorkerCount, type LeafHasher } from './leaf-hash-workers';
export { writeExport, NoCheckpointError, type ExportOptions, type ExportSummary } from './write-export';
export { lineEvidence, type LineEvidence } from './line-evidence';
export { verifyExport, type ExportReport, type VerifyExportOptions } from './verify-export';
export { EXPORT_FORMAT, ExportFormatError, parseEventLine, parseHeader, type EventLine, type ExportHeader } from './export-format';
export { VerificationMonitor, type VerificationStatus } from './verification-monitor';
export { selects, validateFilter, parseLineStream, isPartial, type ExportFilter, type Selection } from './selection';
