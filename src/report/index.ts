/** Reports: one ReportModel built from the store, rendered by one small Reporter per format. */
export type * from './model.js';
export { OPEN_STATUSES } from './model.js';
export type { Reporter } from './reporter.js';
export { reporters, reporterFor, REPORT_FORMATS } from './reporters.js';
export { decideVerdict } from './verdict.js';
export { coverageView, coverageGaps, CONFLICT_CLASSES, type GeneratedCoverageInput } from './coverage.js';
export { perfRatios, type PerfRatios } from './perf.js';
export { escapeHtml, escapeXml, escapeMarkdown, markdownCode, jsonForScript } from './escape.js';
export { unifiedDiff } from './diff.js';
export { buildReportModel, type ReportInput, type InputBucket, type InputDivergence, type InputDocument } from './build.js';
export { mergeTimings } from './timing.js';
export { loadReportModel, readReportInput, ReportError, type LoadOptions } from './from-store.js';
export type { RecordClassifier } from './coverage-logs.js';
