import type { Json, JsonObject } from '../load/slice.js';
import { jsonEqual, child, isObject, resolveChild, resolveNode, type Located } from './resolve.js';
import type { RuleContext } from './rule-context.js';
import { addSchemaFindings } from './schema-findings.js';

/** Extension the diff adds to inline parameters before slicing: their pointer in the full contract. */
export const PARAMETER_ORIGIN = 'x-diff-origin';

/** The parameters an operation takes: path-item parameters overridden by operation parameters (by `in` + name). */
export function effectiveParameters(doc: JsonObject, pathItem: Located, operation: Located): Map<string, Located> {
  const result = new Map<string, Located>();
  for (const owner of [pathItem, operation]) {
    const list = owner.node.parameters;
    if (!Array.isArray(list)) continue;
    list.forEach((raw: Json, i: number) => {
      const param = resolveNode(doc, raw, child(child(owner.pointer, 'parameters'), i));
      if (!param || typeof param.node.name !== 'string' || typeof param.node.in !== 'string') return;
      const origin = param.node[PARAMETER_ORIGIN];
      if (typeof origin === 'string') param.pointer = origin;
      result.set(parameterKey(param.node), param);
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
    ctx.add({ id: 'request-parameter-removed', severity: 'breaking', pointer: b.pointer, side: 'base', message: `${label(b.node)} removed (the server no longer accepts it)` });
  }
  for (const [key, h] of head) {
    if (base.has(key)) continue;
    if (h.node.required === true) {
      ctx.add({ id: 'request-required-parameter-added', severity: 'breaking', pointer: h.pointer, side: 'head', message: `required ${label(h.node)} added` });
    } else {
      ctx.add({ id: 'request-parameter-added', severity: 'non-breaking', pointer: h.pointer, side: 'head', message: `optional ${label(h.node)} added` });
    }
  }
  for (const [key, h] of head) {
    const b = base.get(key);
    if (!b) continue;
    const wasRequired = b.node.required === true;
    const isRequired = h.node.required === true;
    if (!wasRequired && isRequired) ctx.add({ id: 'request-parameter-became-required', severity: 'breaking', pointer: h.pointer, side: 'head', message: `${label(h.node)} became required` });
    if (wasRequired && !isRequired) ctx.add({ id: 'request-parameter-became-optional', severity: 'non-breaking', pointer: h.pointer, side: 'head', message: `${label(h.node)} became optional` });
    if (typeof b.node.description === 'string' && typeof h.node.description === 'string' && b.node.description !== h.node.description) {
      ctx.add({ id: 'description-changed', severity: 'docs-only', pointer: h.pointer, side: 'head', message: `description of ${label(h.node)} changed` });
    }
    if (!jsonEqual(b.node.example ?? b.node.examples, h.node.example ?? h.node.examples)) {
      ctx.add({ id: 'example-changed', severity: 'docs-only', pointer: h.pointer, side: 'head', message: `example of ${label(h.node)} changed` });
    }
    if (b.node.deprecated !== true && h.node.deprecated === true) {
      ctx.add({ id: 'parameter-deprecated', severity: 'non-breaking', pointer: h.pointer, side: 'head', message: `${label(h.node)} deprecated` });
    }
    const bs = parameterSchema(ctx.base, b);
    const hs = parameterSchema(ctx.head, h);
    if (bs && hs) addSchemaFindings(ctx, bs, hs, 'request', label(h.node), String(h.node.name));
  }
}
