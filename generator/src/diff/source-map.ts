import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { unescapePointerToken } from '../load/json-pointer.js';
import type { SourceLocation } from './change.js';

interface ParsedFile {
  contents: YamlNode | null;
  lines: LineCounter;
}

/**
 * Map JSON pointers of the bundled contract back to `file:line` in the multi-file source: walk the pointer
 * from the root file and jump into the file of every external `$ref` on the way. Bundled components
 * (`/components/schemas/Room/...`) start in their own file (`components/schemas/Room.yaml`), as Redocly
 * names bundled components after their file. Best effort: a pointer that leaves the source (a node the
 * bundler or slicer made) maps to the deepest node found.
 *
 * The files are read when the map is made, so the source may be deleted afterwards (git revisions are
 * extracted into a temporary folder).
 *
 * @example
 * ```ts
 * const locate = createSourceMap('/repo/openapi/openapi.yaml', '/repo');
 * locate('/paths/~1room~1{token}~1favorite/delete'); // { file: 'openapi/paths/room_{token}_favorite.yaml', line: 33 }
 * ```
 */
export function createSourceMap(rootFile: string, displayRoot: string, files: readonly string[] = []): (pointer: string) => SourceLocation | undefined {
  const texts = new Map<string, string>();
  const root = path.resolve(rootFile);
  for (const file of [root, ...files.map((f) => path.resolve(f))]) {
    if (!texts.has(file) && existsSync(file)) texts.set(file, readFileSync(file, 'utf8'));
  }
  const sourceDir = path.dirname(root);
  const parsed = new Map<string, ParsedFile | undefined>();
  const parse = (file: string): ParsedFile | undefined => {
    if (parsed.has(file)) return parsed.get(file);
    let text = texts.get(file);
    if (text === undefined && existsSync(file)) text = readFileSync(file, 'utf8');
    let result: ParsedFile | undefined;
    if (text !== undefined) {
      const lines = new LineCounter();
      const doc = parseDocument(text, { lineCounter: lines });
      result = { contents: doc.contents, lines };
    }
    parsed.set(file, result);
    return result;
  };

  const walk = (startFile: string, tokens: string[]): SourceLocation | undefined => {
    let file = startFile;
    let current = parse(file);
    if (!current) return undefined;
    let node: YamlNode | null = current.contents;
    let found = node;
    for (let i = 0; i < tokens.length && node; i++) {
      // jump through external $refs (a local key wins over the ref's target: `description` next to `$ref`)
      let next = childOf(node, tokens[i]);
      let hops = 0;
      while (next === undefined && hops++ < 16) {
        const ref = refOf(node);
        if (!ref || ref.startsWith('#')) break;
        const [target, fragment] = ref.split('#');
        file = path.resolve(path.dirname(file), target);
        current = parse(file);
        if (!current) return undefined;
        node = current.contents;
        for (const token of (fragment ?? '').split('/').slice(1).map(unescapePointerToken)) node = node ? (childOf(node, token) ?? null) : null;
        if (!node) break;
        next = childOf(node, tokens[i]);
      }
      if (next === undefined) break;
      node = next;
      found = node;
    }
    const offset = found?.range?.[0];
    if (offset === undefined || !current) return undefined;
    return { file: path.relative(displayRoot, file) || file, line: current.lines.linePos(offset).line };
  };

  return (pointer: string) => {
    const tokens = pointer.split('/').slice(1).map(unescapePointerToken);
    if (tokens[0] === 'components' && tokens.length >= 3) {
      const own = path.join(sourceDir, 'components', tokens[1], `${tokens[2]}.yaml`);
      if (texts.has(own) || existsSync(own)) return walk(own, tokens.slice(3));
    }
    return walk(root, tokens);
  };
}

function childOf(node: YamlNode, token: string): YamlNode | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (key === token) return (pair.value as YamlNode | null) ?? undefined;
    }
    return undefined;
  }
  if (isSeq(node)) return (node.items[Number(token)] as YamlNode | undefined) ?? undefined;
  return undefined;
}

function refOf(node: YamlNode): string | undefined {
  const ref = childOf(node, '$ref');
  return ref && isScalar(ref) && typeof ref.value === 'string' ? ref.value : undefined;
}
