import path from 'node:path';
import { abbreviatePointer, escapePointerToken, unescapePointerToken } from './json-pointer.js';
import { SpecLoadError, type SpecProblem } from './load-source.js';
import { readSpecFile, type SpecFile } from './read-spec-file.js';
import { SPEC_LIMITS } from './spec-limits.js';

/** Every file of a spec, read and checked by {@link preflightSpec}. */
export interface PreflightedSpec {
  root: SpecFile;
  /** By absolute path, the root file first. */
  files: Map<string, SpecFile>;
}

/** Data, not spec nodes: a `$ref` in example data is not followed (as in `annotations.ts`). */
const DATA_KEYS = new Set(['example', 'value', 'default', 'enum', 'const']);
const OBJECT_SECTIONS = ['info', 'paths', 'components', 'webhooks'];
const ARRAY_SECTIONS = ['servers', 'tags', 'security'];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Located = { file: string; pointer: string };
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `the ${typeof v} ${JSON.stringify(v)}`);

/**
 * Check that a spec can be loaded safely before any library walks it (Redocly's lint and bundler, the slicer,
 * the diff): read the root file and every file its `$ref`s reach within {@link SPEC_LIMITS} (size, strict
 * UTF-8, YAML alias expansion, nesting depth), check that the root is OpenAPI 3 with usable top-level sections,
 * that every `$ref` resolves (file and JSON pointer), that no `$ref` chain loops without reaching a node (a
 * `$ref` to itself, `A → B → A`; recursion through a property is legal and kept), and that the document does
 * not nest deeper than the limit across `$ref`s. Throws {@link SpecLoadError} with every problem at
 * `file:line:column` and JSON pointer.
 *
 * @example
 * ```ts
 * const { root, files } = preflightSpec('openapi/openapi.yaml'); // throws SpecLoadError on a broken spec
 * files.size; // 90
 * ```
 */
export function preflightSpec(rootFile: string): PreflightedSpec {
  const rootPath = path.resolve(rootFile);
  const root = readSpecFile(rootPath);
  const files = new Map<string, SpecFile>([[rootPath, root]]);
  const problems: SpecProblem[] = [];
  const at = (where: Located, message: string, ruleId: string): SpecProblem => {
    const position = files.get(where.file)?.locate(where.pointer);
    return {
      message,
      file: where.file,
      pointer: `#${abbreviatePointer(where.pointer)}`,
      ruleId,
      ...(position ? { line: position.line, column: position.column } : {}),
    };
  };

  for (const p of checkOpenApiRoot(root.value)) problems.push(at({ file: rootPath, pointer: p.pointer }, p.message, 'openapi-document'));
  if (problems.length > 0) throw new SpecLoadError(problems);

  // Read every file the $refs reach (breadth first), then check every $ref.
  const refs: Array<Located & { ref: string }> = [];
  const queue = [rootPath];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const found of refsIn(files.get(file)!.value)) {
      refs.push({ file, pointer: found.pointer, ref: found.ref });
      const target = refTarget(file, found.ref);
      if (!target || files.has(target.file)) continue;
      if (files.size >= SPEC_LIMITS.maxFiles) {
        problems.push(at({ file, pointer: found.pointer }, `the spec references more than ${SPEC_LIMITS.maxFiles} files`, 'spec-files'));
        throw new SpecLoadError(problems);
      }
      try {
        files.set(target.file, readSpecFile(target.file));
        queue.push(target.file);
      } catch (error) {
        if (!(error instanceof SpecLoadError)) throw error;
        const missing = error.problems.length === 1 && /no such file/.test(error.problems[0].message);
        if (missing)
          problems.push(
            at(
              { file, pointer: found.pointer },
              `\`$ref: ${found.ref}\` points to a file that does not exist (${path.relative(path.dirname(rootPath), target.file)} next to the root file)`,
              'no-unresolved-refs',
            ),
          );
        else problems.push(...error.problems);
        files.set(target.file, { file: target.file, text: '', value: undefined, locate: () => undefined });
      }
    }
  }
  if (problems.length > 0) throw new SpecLoadError(problems);

  const lookup = (where: Located): unknown => {
    let node = files.get(where.file)?.value;
    for (const raw of where.pointer.split('/').slice(1)) {
      if (node === null || typeof node !== 'object') return undefined;
      const token = unescapePointerToken(raw);
      node = Array.isArray(node) ? node[Number(token)] : (node as Record<string, unknown>)[token];
    }
    return node;
  };
  const id = (where: Located) => `${where.file}#${where.pointer}`;
  /** The node a `$ref` chain ends at; a problem for a dangling target or a loop. Memoised per target. */
  const chainEnds = new Map<string, Located | null>();
  const followChain = (from: Located, ref: string): Located | null => {
    if (chainEnds.has(id(from))) return chainEnds.get(id(from))!;
    // `holder` is the node whose `$ref` is being followed: problems are reported where that `$ref` is written.
    let holder = from;
    let target = refTarget(from.file, ref);
    const seen: string[] = [id(from)];
    // Every `$ref` holder on the way ends where this chain ends (each problem is reported once).
    const settle = (end: Located | null) => {
      for (const s of seen) chainEnds.set(s, end);
      return end;
    };
    while (target) {
      const key = id(target);
      if (chainEnds.has(key)) return settle(chainEnds.get(key)!);
      const node = lookup(target);
      if (node === undefined) {
        problems.push(
          at(
            holder,
            `\`$ref: ${ref}\` points to nothing: ${target.pointer ? `there is no ${target.pointer}` : 'the file is empty'} in ${path.relative(path.dirname(rootPath), target.file) || target.file}`,
            'no-unresolved-refs',
          ),
        );
        return settle(null);
      }
      if (!isObject(node) || typeof node.$ref !== 'string') {
        chainEnds.set(key, target);
        return settle(target);
      }
      if (seen.includes(key)) {
        problems.push(
          at(
            holder,
            `\`$ref: ${ref}\` never reaches a schema or object: the $ref chain loops back to ${target.pointer || '/'} (a $ref that points to itself or a ref-only cycle)`,
            'ref-cycle',
          ),
        );
        return settle(null);
      }
      seen.push(key);
      holder = target;
      ref = node.$ref;
      target = refTarget(target.file, ref);
    }
    return null;
  };
  for (const r of refs) if (refTarget(r.file, r.ref)) followChain({ file: r.file, pointer: r.pointer }, r.ref);
  if (problems.length > 0) throw new SpecLoadError(problems);

  const deep = deepestAcrossRefs(rootPath, lookup, (from, ref) => followChain(from, ref));
  if (deep) {
    problems.push(
      at(
        deep,
        `the document nests deeper than ${SPEC_LIMITS.maxDepth} levels of objects and arrays (counted across $refs; recursion through a $ref is not counted)`,
        'spec-depth',
      ),
    );
    throw new SpecLoadError(problems);
  }
  return { root, files };
}

/**
 * What makes a parsed root file unusable as an OpenAPI 3 document: Swagger 2.0, no or a non-string `openapi`
 * version, and top-level sections (`paths`, `components`, …), path items or operations that are null or of the
 * wrong type. Returns the problems with their JSON pointers; empty when the document is usable.
 *
 * @example
 * ```ts
 * checkOpenApiRoot({ swagger: '2.0', paths: {} });
 * // → [{ pointer: '/swagger', message: 'is a Swagger 2.0 document; ...' }]
 * ```
 */
export function checkOpenApiRoot(document: unknown): Array<{ pointer: string; message: string }> {
  if (!isObject(document)) return [{ pointer: '', message: `is not an OpenAPI document: the root is ${kind(document)}, not a mapping` }];
  if ('swagger' in document) {
    return [
      {
        pointer: '/swagger',
        message: 'is a Swagger 2.0 document; only OpenAPI 3 is supported. Fix: convert it to OpenAPI 3 first (e.g. `npx swagger2openapi`)',
      },
    ];
  }
  if (!('openapi' in document)) return [{ pointer: '', message: 'is not an OpenAPI document (no `openapi` field)' }];
  const version = document.openapi;
  if (typeof version !== 'string')
    return [{ pointer: '/openapi', message: `\`openapi\` must be a version string such as "3.1.0", not ${kind(version)} (quote it)` }];
  if (!/^3\.\d+(\.\d+)?$/.test(version)) return [{ pointer: '/openapi', message: `OpenAPI ${version} is not supported: only OpenAPI 3 (3.0.x, 3.1.x) is` }];
  const problems: Array<{ pointer: string; message: string }> = [];
  const expect = (pointer: string, name: string, value: unknown, want: 'mapping' | 'list') => {
    const ok = want === 'list' ? Array.isArray(value) : isObject(value);
    if (!ok)
      problems.push({
        pointer,
        message: `\`${name}\` is ${kind(value)}, not a ${want}. Fix: ${value === null ? `write \`${name}: ${want === 'list' ? '[]' : '{}'}\` or remove the key` : `make it a ${want}`}`,
      });
    return ok;
  };
  for (const key of OBJECT_SECTIONS) if (key in document) expect(`/${key}`, key, document[key], 'mapping');
  for (const key of ARRAY_SECTIONS) if (key in document) expect(`/${key}`, key, document[key], 'list');
  for (const section of ['paths', 'webhooks']) {
    const items = document[section];
    if (!isObject(items)) continue;
    for (const [name, item] of Object.entries(items)) {
      const pointer = `/${section}/${escapePointerToken(name)}`;
      if (!expect(pointer, `${section}: ${name}`, item, 'mapping')) continue;
      for (const method of HTTP_METHODS)
        if (method in (item as object)) expect(`${pointer}/${method}`, `${name} ${method}`, (item as Record<string, unknown>)[method], 'mapping');
    }
  }
  const components = document.components;
  if (isObject(components)) {
    for (const [group, entries] of Object.entries(components)) {
      if (group.startsWith('x-') || !expect(`/components/${escapePointerToken(group)}`, `components: ${group}`, entries, 'mapping')) continue;
      for (const [name, entry] of Object.entries(entries as object)) {
        // OpenAPI 3.1 schemas may be `true` / `false`.
        if (group === 'schemas' && typeof entry === 'boolean') continue;
        expect(`/components/${escapePointerToken(group)}/${escapePointerToken(name)}`, `components: ${group}: ${name}`, entry, 'mapping');
      }
    }
  }
  return problems;
}

/** `{ file, pointer }` a `$ref` written in `file` names; undefined for URLs (not followed). */
function refTarget(file: string, ref: string): Located | undefined {
  const hash = ref.indexOf('#');
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) return undefined;
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    // keep the fragment as written
  }
  return { file: filePart ? path.resolve(path.dirname(file), filePart) : file, pointer: decoded === '/' ? '' : decoded.replace(/\/$/, '') };
}

/** A node being walked, with a link to its parent so that the JSON pointer is only built when needed. */
interface WalkFrame {
  node: unknown;
  key?: string | number;
  up?: WalkFrame;
  /** The pointer of the walk's start (a `$ref` target); `key`s are appended to it. */
  base?: string;
  inPropertyMap: boolean;
}

function pointerOf(frame: WalkFrame): string {
  const tokens: string[] = [];
  let f: WalkFrame | undefined = frame;
  for (; f && f.key !== undefined; f = f.up) tokens.push(escapePointerToken(f.key));
  return (
    (f?.base ?? '') +
    tokens
      .reverse()
      .map((t) => `/${t}`)
      .join('')
  );
}

/** The children a walk of spec nodes visits: not `$ref` itself, extensions or example data. */
function pushChildren(stack: WalkFrame[], frame: WalkFrame, extra: object = {}): void {
  const { node, inPropertyMap } = frame;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) stack.push({ node: node[i], key: i, up: frame, inPropertyMap: false, ...extra });
    return;
  }
  for (const [key, item] of Object.entries(node as object)) {
    if (item === null || typeof item !== 'object') continue;
    if (!inPropertyMap && (key === '$ref' || key.startsWith('x-') || DATA_KEYS.has(key) || (key === 'examples' && Array.isArray(item)))) continue;
    stack.push({ node: item, key, up: frame, inPropertyMap: !inPropertyMap && (key === 'properties' || key === 'patternProperties'), ...extra });
  }
}

/** Every `$ref` string of the spec nodes of a file (not in example data), with its pointer. Iterative. */
function refsIn(value: unknown): Array<{ pointer: string; ref: string }> {
  const found: Array<{ pointer: string; ref: string }> = [];
  const stack: WalkFrame[] = [{ node: value, inPropertyMap: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.node === null || typeof frame.node !== 'object') continue;
    const ref = (frame.node as Record<string, unknown>).$ref;
    if (!frame.inPropertyMap && !Array.isArray(frame.node) && typeof ref === 'string') found.push({ pointer: pointerOf(frame), ref });
    pushChildren(stack, frame);
  }
  return found;
}

/**
 * Where the spec first nests deeper than {@link SPEC_LIMITS.maxDepth} when every `$ref` is followed, except a
 * `$ref` back into a node that is being walked (recursion, which the tools handle). A node reached again at no
 * greater depth is not walked again, so the walk stays linear in practice. Iterative.
 */
function deepestAcrossRefs(rootFile: string, lookup: (where: Located) => unknown, follow: (from: Located, ref: string) => Located | null): Located | undefined {
  type Frame = WalkFrame & { file: string; depth: number };
  const enteredAt = new Map<string, number>();
  const active = new Set<string>();
  const stack: Array<Frame | { leave: string }> = [{ node: lookup({ file: rootFile, pointer: '' }), file: rootFile, depth: 0, base: '', inPropertyMap: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('leave' in frame) {
      active.delete(frame.leave);
      continue;
    }
    const { node, depth, file } = frame;
    if (node === null || typeof node !== 'object') continue;
    if (depth > SPEC_LIMITS.maxDepth) return { file, pointer: pointerOf(frame) };
    const ref = (node as Record<string, unknown>).$ref;
    if (!frame.inPropertyMap && !Array.isArray(node) && typeof ref === 'string') {
      const target = follow({ file, pointer: pointerOf(frame) }, ref);
      const key = target ? `${target.file}#${target.pointer}` : undefined;
      if (target && key && !active.has(key) && (enteredAt.get(key) ?? -1) < depth) {
        enteredAt.set(key, depth);
        active.add(key);
        stack.push({ leave: key });
        stack.push({ node: lookup(target), file: target.file, depth, base: target.pointer, inPropertyMap: false });
      }
    }
    pushChildren(stack as WalkFrame[], frame, { file, depth: depth + 1 });
  }
  return undefined;
}
