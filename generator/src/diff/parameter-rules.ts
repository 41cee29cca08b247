import type { Json, JsonObject } from '../load/slice.js';
import { jsonEqual, child, isObject, resolveChild, resolveNode, type Located } from './resolve.js';
import type { RuleContext } from './rule-context.js';
import { addSchemaFindings } from './schema-findings.js';

/** Extension the diff adds to inline parameters before slicing: their pointer in the full contract. */
export const PARAMETER_ORIGIN = 'x-diff-origin';

/**
 * The parameters an operation takes: path-item parameters overridden by operation parameters (by `in` +
 * name). Path parameters are keyed by their position in the path template (`/chat/{token}/{messageId}` →
 * `path:#1`), so renaming one (`{messageId}` → `{id}`) is the same parameter: the URL is unchanged.
 */
export function effectiveParameters(doc: JsonObject, pathItem: Located, operation: Located, template = ''): Map<string, Located> {
  const positions = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const result = new Map<string, Located>();
  for (const owner of [pathItem, operation]) {
    const list = owner.node.parameters;
    if (!Array.isArray(list)) continue;
    list.forEach((raw: Json, i: number) => {
      const param = resolveNode(doc, raw, child(child(owner.pointer, 'parameters'), i));
      if (!param || typeof param.node.name !== 'string' || typeof param.node.in !== 'string') return;
      const origin = param.node[PARAMETER_ORIGIN];
      if (typeof origin === 'string') param.pointer = origin;
      const position = param.node.in === 'path' ? positions.indexOf(String(param.node.name)) : -1;
      result.set(position >= 0 ? `path:#${position}` : parameterKey(param.node), param);
    });
  }
  return result;
}

function parameterKey(param: JsonObject): string {
  const name = String(param.name);
  return `${String(param.in)}:${param.in === 'header' ? name.toLowerCase() : name}`;
}

function label(param: JsonObject): string {
  return `${String(param.in)} parameter \`${String(param.name)}\``;
}

function parameterSchema(doc: JsonObject, param: Located): Located | undefined {
  const direct = resolveChild(doc, param, 'schema');
  if (direct) return direct;
  const content = param.node.content;
  if (isObject(content)) {
    const first = Object.keys(content)[0];
    if (first) return resolveChild(doc, param, 'content', first, 'schema');
  }
  return undefined;
}

/**
 * Parameter rules: removed parameters, added required parameters, optional→required, and the parameter
 * schemas compared as request data (a narrower schema breaks clients).
 *
 * @example
 * ```ts
 * compareParameters(ctx, baseParams, headParams); // ctx.findings gets 'request-required-parameter-added', ...
 * ```
 */
export function compareParameters(ctx: RuleContext, base: Map<string, Located>, head: Map<string, Located>): void {
  for (const [key, b] of base) {
    if (head.has(key)) continue;
    ctx.add({ id: 'request-parameter-removed', pointer: b.pointer, side: 'base', message: `${label(b.node)} removed (the server no longer accepts it)` });
  }
  for (const [key, h] of head) {
    if (base.has(key)) continue;
    if (h.node.required === true) {
      ctx.add({ id: 'request-required-parameter-added', pointer: h.pointer, side: 'head', message: `required ${label(h.node)} added` });
    } else {
      ctx.add({ id: 'request-parameter-added', pointer: h.pointer, side: 'head', message: `optional ${label(h.node)} added` });
    }
  }
  for (const [key, h] of head) {
    const b = base.get(key);
    if (!b) continue;
    const wasRequired = b.node.required === true;
    const isRequired = h.node.required === true;
    const hs = parameterSchema(ctx.head, h);
    const bs = parameterSchema(ctx.base, b);
    if (b.node.name !== h.node.name && h.node.in === 'path') {
      ctx.add({
        id: 'request-path-parameter-renamed',
        pointer: h.pointer,
        side: 'head',
        message: `path parameter \`${String(b.node.name)}\` renamed to \`${String(h.node.name)}\` (same position in the URL)`,
      });
    }
    if (!wasRequired && isRequired) {
      const fallback = hs?.node.default;
      if (fallback !== undefined)
        ctx.add({
          id: 'request-parameter-required-with-default',
          pointer: h.pointer,
          side: 'head',
          message: `${label(h.node)} became required but still declares the default ${JSON.stringify(fallback)}`,
        });
      else ctx.add({ id: 'request-parameter-became-required', pointer: h.pointer, side: 'head', message: `${label(h.node)} became required` });
    }
    if (wasRequired && !isRequired)
      ctx.add({ id: 'request-parameter-became-optional', pointer: h.pointer, side: 'head', message: `${label(h.node)} became optional` });
    const style = (p: Located) => ({
      style: p.node.style ?? (p.node.in === 'query' || p.node.in === 'cookie' ? 'form' : 'simple'),
      explode: p.node.explode ?? (p.node.style ?? (p.node.in === 'query' || p.node.in === 'cookie' ? 'form' : 'simple')) === 'form',
    });
    const bStyle = style(b);
    const hStyle = style(h);
    const serialized = (s: Located | undefined) =>
      s !== undefined &&
      (s.node.type === 'array' || s.node.type === 'object' || (Array.isArray(s.node.type) && s.node.type.some((t) => t === 'array' || t === 'object')));
    if ((bStyle.style !== hStyle.style || bStyle.explode !== hStyle.explode) && (serialized(bs) || serialized(hs))) {
      ctx.add({
        id: 'request-parameter-serialization-changed',
        pointer: h.pointer,
        side: 'head',
        message: `${label(h.node)} serialization changed from style ${String(bStyle.style)}, explode ${String(bStyle.explode)} to style ${String(hStyle.style)}, explode ${String(hStyle.explode)}`,
      });
    }
    if (typeof b.node.description === 'string' && typeof h.node.description === 'string' && b.node.description !== h.node.description) {
      ctx.add({ id: 'description-changed', pointer: h.pointer, side: 'head', message: `description of ${label(h.node)} changed` });
    }
    if (!jsonEqual(b.node.example ?? b.node.examples, h.node.example ?? h.node.examples)) {
      ctx.add({ id: 'example-changed', pointer: h.pointer, side: 'head', message: `example of ${label(h.node)} changed` });
    }
    if (b.node.deprecated !== true && h.node.deprecated === true)
      ctx.add({ id: 'parameter-deprecated', pointer: h.pointer, side: 'head', message: `${label(h.node)} deprecated` });
    if (b.node.deprecated === true && h.node.deprecated !== true)
      ctx.add({ id: 'parameter-undeprecated', pointer: h.pointer, side: 'head', message: `${label(h.node)} no longer deprecated` });
    if (bs && hs) addSchemaFindings(ctx, bs, hs, 'request', label(h.node), String(h.node.name));
  }
}
