// Public surface of the contract diff: load two contracts, compare them per API version, judge and report.
export * from './change.js';
export { contractSlices, diffContracts, diffDocuments, diffVersionStep, mergeVersions, WHOLE_CONTRACT, type DiffOptions, type LoadedContract } from './compare-contracts.js';
export { loadContract, loadContractAtRevision, type LoadContractOptions } from './load-contract.js';
export { createSourceMap } from './source-map.js';
export { applyPolicy, parsePolicy, readPolicy, type ContractPolicy, type PolicyEntry } from './policy.js';
export { formatVersions, groupByOperation, renderJson, renderMarkdown, renderText, summarize, type MarkdownOptions } from './render-report.js';
export { describeChange } from './change-words.js';
export { diffVersionSlices, renderVersionStepMarkdown } from './version-step.js';
export { directionalSeverity, type Direction, type Flow } from './rule-context.js';
