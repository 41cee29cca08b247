import { API_VERSIONS, isApiVersion } from '../load/api-versions.js';
import { sliceForVersion, type JsonObject } from '../load/slice.js';
import { sortChanges, type ContractChange, type ContractDiff, type SourceLocation } from './change.js';
import { HTTP_METHODS, compareOperations } from './operation-rules.js';
import { PARAMETER_ORIGIN } from './parameter-rules.js';
import { child, isObject } from './resolve.js';
import { RuleContext } from './rule-context.js';
import { compareDocumentSurface } from './sdk-surface-rules.js';
import { compareSecuritySchemes } from './security-rules.js';
import { compareWebhooks } from './webhook-rules.js';

/** A contract ready to be compared: the bundled document plus, for source folders, a pointer→file:line map. */
export interface LoadedContract {
  /** What was loaded: a file, a folder or `git:<rev>`. */
  label: string;
  document: JsonObject;
  /** Source location of a JSON pointer of `document` (only when loaded from the multi-file source). */
  locate?: (pointer: string) => SourceLocation | undefined;
}

/** The label of the slice of a contract that has no API versions (a foreign spec such as GitHub's). */
export const WHOLE_CONTRACT = 'all';

const API_BASE = /^\/ocs\/v2\.php\/apps\/[^/]+\/api\/v\d+(?=\/|$)/;

/** Rewrite the concrete paths of a Talk slice back to the short paths below the API base. */
function shortenPaths(slice: JsonObject): JsonObject {
  if (!isObject(slice.paths)) return slice;
  const paths: JsonObject = {};
  for (const [path, item] of Object.entries(slice.paths)) paths[path.replace(API_BASE, '') || '/'] = item;
  return { ...slice, paths };
}

/**
 * The slices of a contract that the diff compares: one per API version for the full Talk contract
 * (`x-talk-*` annotations, `{apiVersion}` server variable), the one slice of a sliced file
 * (`x-talk-api-version`), or the whole document of a foreign contract (label `all`).
 *
 * @example
 * ```ts
 * [...contractSlices(fullTalkContract).keys()]; // ['v1', 'v2', 'v3', 'v4']
 * ```
 */
export function contractSlices(document: JsonObject): Map<string, JsonObject> {
  const cached = sliceCache.get(document);
  if (cached) return cached;
  const slices = computeSlices(document);
  sliceCache.set(document, slices);
  return slices;
}

/** Slices per document object: the diff never mutates a document, so a contract is sliced once. */
const sliceCache = new WeakMap<JsonObject, Map<string, JsonObject>>();

function computeSlices(document: JsonObject): Map<string, JsonObject> {
  const version = document['x-talk-api-version'];
  if (isApiVersion(version)) return new Map([[version, shortenPaths(document)]]);
  if (isTalkFullContract(document)) {
    const marked = markParameterOrigins(document);
    return new Map(API_VERSIONS.map((v) => [v, shortenPaths(sliceForVersion(marked, v))] as const));
  }
  return new Map([[WHOLE_CONTRACT, document]]);
}

/**
 * Slicing drops version-bound parameters from `parameters` lists, which shifts the indices of the others:
 * remember every inline parameter's pointer in the full contract (`x-diff-origin`) so that findings point
 * at the parameter as written.
 */
function markParameterOrigins(document: JsonObject): JsonObject {
  const copy = structuredClone(document);
  const paths = isObject(copy.paths) ? copy.paths : {};
  const mark = (owner: unknown, pointer: string) => {
    if (!isObject(owner) || !Array.isArray(owner.parameters)) return;
    owner.parameters.forEach((param, i) => {
      if (isObject(param) && typeof param.$ref !== 'string') param[PARAMETER_ORIGIN] = child(child(pointer, 'parameters'), i);
    });
  };
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const itemPointer = child('/paths', path);
    mark(item, itemPointer);
    for (const method of HTTP_METHODS) mark(item[method], child(itemPointer, method));
  }
  return copy;
}

function isTalkFullContract(document: JsonObject): boolean {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  return servers.some((s) => isObject(s) && typeof s.url === 'string' && s.url.includes('{apiVersion}'));
}

/**
 * Compare two documents (two slices) and return every change, labelled with `version`.
 *
 * @example
 * ```ts
 * const changes = diffDocuments(baseSlice, headSlice, 'v4');
 * changes.filter((c) => c.severity === 'breaking');
 * ```
 */
export function diffDocuments(base: JsonObject, head: JsonObject, version: string): ContractChange[] {
  const ctx = new RuleContext(base, head);
  compareOperations(ctx);
  compareWebhooks(ctx);
  compareSecuritySchemes(ctx);
  compareDocumentSurface(ctx);
  return ctx.findings.map((f) => ({ ...f, operation: f.operation, versions: [version] }));
}

/**
 * Merge the per-version findings of the same change into one change listing all its versions.
 *
 * @example
 * ```ts
 * mergeVersions([...diffDocuments(b1, h1, 'v1'), ...diffDocuments(b2, h2, 'v2')]); // versions: ['v1', 'v2']
 * ```
 */
export function mergeVersions(perVersion: ContractChange[]): ContractChange[] {
  const merged = new Map<string, ContractChange>();
  for (const change of perVersion) {
    const key = [change.id, change.operation?.method, change.operation?.path, change.pointer, change.side, change.message].join('\u0000');
    const existing = merged.get(key);
    if (!existing) merged.set(key, { ...change, versions: [...change.versions] });
    else for (const v of change.versions) if (!existing.versions.includes(v)) existing.versions.push(v);
  }
  return [...merged.values()];
}

/** Options of {@link diffContracts}. */
export interface DiffOptions {
  /** Compare only these slices (default: every slice both contracts have). */
  versions?: string[];
}

/**
 * Compare two loaded contracts slice by slice (per API version), merge the results and attach source
 * locations. Throws when the contracts share no slice.
 *
 * @example
 * ```ts
 * const diff = diffContracts(await loadContract('git:origin/main'), await loadContract('openapi'));
 * diff.changes.filter((c) => c.severity === 'breaking').map((c) => c.id);
 * ```
 */
export function diffContracts(base: LoadedContract, head: LoadedContract, options: DiffOptions = {}): ContractDiff {
  const baseSlices = contractSlices(base.document);
  const headSlices = contractSlices(head.document);
  let pairs: Array<[string, JsonObject, JsonObject]>;
  if (baseSlices.size === 1 && headSlices.size === 1) {
    const [[label, b]] = [...baseSlices];
    const [[headLabel, h]] = [...headSlices];
    pairs = [[label === headLabel ? label : `${label}→${headLabel}`, b, h]];
  } else {
    pairs = [...baseSlices].filter(([v]) => headSlices.has(v)).map(([v, b]) => [v, b, headSlices.get(v)!]);
  }
  if (options.versions) pairs = pairs.filter(([v]) => options.versions!.includes(v));
  if (pairs.length === 0) throw new Error(`the contracts ${base.label} and ${head.label} have no API version in common`);
  const changes = mergeVersions(pairs.flatMap(([v, b, h]) => diffDocuments(b, h, v)));
  for (const change of changes) {
    const locate = change.side === 'head' ? head.locate : base.locate;
    const source = locate?.(change.pointer);
    if (source) change.source = source;
  }
  return { base: base.label, head: head.label, versions: pairs.map(([v]) => v), changes: sortChanges(changes) };
}

/**
 * Compare two API version slices of the same contract: the "What changed" step from `fromVersion` to
 * `toVersion` (paths compared below the API base, so `/api/v1/room` and `/api/v2/room` are one endpoint).
 *
 * @example
 * ```ts
 * const step = diffVersionStep(loadedContract, 'v3', 'v4');
 * step.versions; // ['v3→v4']
 * ```
 */
export function diffVersionStep(contract: LoadedContract, fromVersion: string, toVersion: string): ContractDiff {
  const slices = contractSlices(contract.document);
  const from = slices.get(fromVersion);
  const to = slices.get(toVersion);
  if (!from || !to)
    throw new Error(`the contract ${contract.label} has no API version ${!from ? fromVersion : toVersion} (it has ${[...slices.keys()].join(', ')})`);
  const label = `${fromVersion}→${toVersion}`;
  const changes = diffDocuments(from, to, label);
  for (const change of changes) {
    const source = contract.locate?.(change.pointer);
    if (source) change.source = source;
  }
  return { base: `${contract.label} ${fromVersion}`, head: `${contract.label} ${toVersion}`, versions: [label], changes: sortChanges(changes) };
}
