// Public surface of the contract diff: load two contracts, compare them per API version, judge and report.
export * from './change.js';
export {
  contractSlices,
  diffContracts,
  diffDocuments,
  diffVersionStep,
  mergeVersions,
  WHOLE_CONTRACT,
  type DiffOptions,
  type LoadedContract,
} from './compare-contracts.js';
export { loadContract, loadContractAtRevision, type LoadContractOptions } from './load-contract.js';
export { createSourceMap } from './source-map.js';
export { applyPolicy, parsePolicy, readPolicy, type ContractPolicy, type PolicyEntry } from './policy.js';
export { API_LEGEND, formatVersions, renderJson, renderMarkdown, renderText, summarize, type MarkdownOptions, type ReportSummary } from './render-report.js';
export { groupChanges, type AffectedOperation, type ChangeEntry } from './change-entries.js';
export { RULES, RULE_FAMILIES, clientEffect, renderRuleTable, ruleEntry, type RuleEntry } from './rules.js';
export { describeChange } from './change-words.js';
export { diffVersionSlices, renderVersionStepMarkdown } from './version-step.js';
export { directionalSeverity, type Direction, type Flow } from './rule-context.js';
