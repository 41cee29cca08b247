import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import { abbreviatePointer, toPointer, unescapePointerToken } from './json-pointer.js';
import { SpecLoadError, type SpecProblem } from './load-source.js';
import { SPEC_LIMITS } from './spec-limits.js';

/** A spec file read within {@link SPEC_LIMITS}: its text, its parsed value, and where a JSON pointer is written. */
export interface SpecFile {
  file: string;
  text: string;
  value: unknown;
  /** `line`/`column` (1-based) of the node at `pointer` (the deepest existing node on the way). */
  locate(pointer: string): { line: number; column: number } | undefined;
}

/**
 * Read one JSON or YAML spec file defensively: size limit, strict UTF-8, YAML alias expansion limit, nesting
 * depth limit. Every failure is a {@link SpecLoadError} whose problem names `file:line:column` (and the JSON
 * pointer for too deep a nesting).
 *
 * @example
 * ```ts
 * const { value, locate } = readSpecFile('openapi/openapi.yaml');
 * locate('/paths'); // { line: 31, column: 1 }
 * ```
 */
export function readSpecFile(file: string): SpecFile {
  const fail = (message: string, where: Partial<SpecProblem> = {}, ruleId = 'spec-file'): never => {
    throw new SpecLoadError([{ message, file, ruleId, ...where }]);
  };
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) fail('is not a file');
    size = stat.size;
  } catch (error) {
    if (error instanceof SpecLoadError) throw error;
    return fail(`cannot be read (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message})`);
  }
  const json = file.endsWith('.json');
  const limit = json ? SPEC_LIMITS.maxJsonBytes : SPEC_LIMITS.maxYamlBytes;
  if (size > limit) fail(`is ${mebibytes(size)} MiB; a ${json ? 'JSON' : 'YAML'} spec file may have at most ${mebibytes(limit)} MiB`, {}, 'spec-size');
  const bytes = readFileSync(file);
  const text = decodeUtf8(bytes, file);

  let yamlDocument: { doc: Document.Parsed; lines: LineCounter } | undefined;
  const parsedYaml = () => {
    if (!yamlDocument) {
      const lines = new LineCounter();
      yamlDocument = { doc: parseDocument(text, { lineCounter: lines }), lines };
    }
    return yamlDocument;
  };
  const locate = (pointer: string) => {
    try {
      const { doc, lines } = parsedYaml();
      const offset = nodeAt(doc.contents, pointer)?.range?.[0];
      if (offset === undefined) return undefined;
      const { line, col } = lines.linePos(offset);
      return { line, column: col };
    } catch {
      return undefined;
    }
  };

  let value: unknown;
  try {
    if (json) {
      try {
        value = JSON.parse(text);
      } catch (error) {
        // V8 names the offset ("at position 42") or the line and column; the YAML parser is the fallback for small files.
        const message = (error as Error).message;
        const position = /at position (\d+)/.exec(message);
        const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
        const at = position
          ? lineColumnAt(text, Number(position[1]))
          : lineColumn
            ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
            : text.length < 2 ** 20
              ? (({ line, col }) => ({ line, column: col }))(parsedYaml().doc.errors[0]?.linePos?.[0] ?? { line: 0, col: 0 })
              : undefined;
        fail(`is not valid JSON: ${message.replace(/\s*\n\s*/g, ' ')}`, at && at.line > 0 ? at : {}, 'json-syntax');
      }
    } else {
      const { doc } = parsedYaml();
      const error = doc.errors[0];
      if (error) {
        const where = error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {};
        if (/call stack/i.test(error.message))
          fail(`nests too deeply to be parsed (more than ${SPEC_LIMITS.maxDepth} levels of objects and arrays are refused)`, where, 'spec-depth');
        fail(`is not valid YAML: ${error.message.split('\n')[0]}`, where, 'yaml-syntax');
      }
      try {
        value = doc.toJS({ maxAliasCount: SPEC_LIMITS.maxAliasCount });
      } catch (error) {
        if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
        let first: YamlNode | undefined;
        let aliases = 0;
        visit(doc, { Alias: (_, node) => void (aliases++, (first ??= node)) });
        const at = first?.range ? parsedYaml().lines.linePos(first.range[0]) : undefined;
        fail(
          `YAML aliases expand to more than ${SPEC_LIMITS.maxAliasCount} nodes (${aliases} aliases, the first one here): a spec must not nest aliases like a "billion laughs" document. Fix: write the data out or use $ref`,
          at ? { line: at.line, column: at.col } : {},
          'yaml-alias-limit',
        );
      }
    }
  } catch (error) {
    if (error instanceof RangeError) fail(`nests too deeply to be parsed (more than ${SPEC_LIMITS.maxDepth} levels are refused)`, {}, 'spec-depth');
    throw error;
  }

  const deep = tooDeep(value, SPEC_LIMITS.maxDepth);
  if (deep !== undefined) {
    // A deeply nested JSON text is costly for the YAML parser: find the bracket by scanning the text instead.
    const at = json ? lineColumnAt(text, jsonOffsetAtDepth(text, SPEC_LIMITS.maxDepth)) : locate(deep);
    fail(
      `nests deeper than ${SPEC_LIMITS.maxDepth} levels of objects and arrays`,
      { pointer: `#${abbreviatePointer(deep)}`, ...(at ? { line: at.line, column: at.column } : {}) },
      'spec-depth',
    );
  }
  return { file, text, value, locate };
}

/**
 * Decode UTF-8 strictly (no silent U+FFFD replacement); a BOM is dropped. Throws {@link SpecLoadError} naming
 * `file:line:column` of the first byte that is not UTF-8.
 *
 * @example
 * ```ts
 * decodeUtf8(Buffer.from([0x63, 0x61, 0x66, 0xc3, 0x28]), 'x.yaml'); // throws: x.yaml:1:4 ... invalid UTF-8 (byte 0xc3)
 * ```
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++, (lineStart = i + 1);
    const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
    throw new SpecLoadError([
      {
        message: `is not valid UTF-8: byte 0x${bytes[offset].toString(16).padStart(2, '0')} at offset ${offset} (save the file as UTF-8)`,
        file,
        line,
        column,
        ruleId: 'utf-8',
      },
    ]);
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1];
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return bytes.length;
}

/** JSON pointer of the first node nested deeper than `maxDepth` (iterative: no stack to overflow), else undefined. */
export function tooDeep(value: unknown, maxDepth: number): string | undefined {
  interface Frame {
    node: unknown;
    depth: number;
    key?: string | number;
    up?: Frame;
  }
  const stack: Frame[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node, depth } = frame;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) {
      const tokens: Array<string | number> = [];
      for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.up) tokens.unshift(f.key);
      return toPointer(tokens);
    }
    // Children pushed last-first, so that nodes are visited in document order.
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((item, i) => [i, item]) : Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ node: entries[i][1], depth: depth + 1, key: entries[i][0], up: frame });
  }
  return undefined;
}

/** 1-based line and column (in UTF-16 code units) of an offset of `text`. */
function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++, (lineStart = i + 1);
  return { line, column: offset - lineStart + 1 };
}

/**
 * Offset of the first `{` or `[` of a JSON text that opens a node at `depth` (the root is depth 0): the node
 * {@link tooDeep} names, as both go in document order.
 */
function jsonOffsetAtDepth(text: string, depth: number): number {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      if (open++ === depth) return i;
    } else if (c === '}' || c === ']') open--;
  }
  return 0;
}

function nodeAt(root: unknown, pointer: string): YamlNode | undefined {
  let node = root as YamlNode | null | undefined;
  let found = node ?? undefined;
  for (const token of pointer.split('/').slice(1).map(unescapePointerToken)) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key)) === token)?.value;
    else if (isSeq(node)) next = node.items[Number(token)];
    if (!next || typeof next !== 'object') break;
    node = next as YamlNode;
    found = node;
  }
  return found;
}

function mebibytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1).replace(/\.0$/, '');
}
