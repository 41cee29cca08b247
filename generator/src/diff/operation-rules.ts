import type { JsonObject } from '../load/slice.js';
import type { OperationRef } from './change.js';
import { effectiveParameters, compareParameters } from './parameter-rules.js';
import { compareRequestBodies } from './request-body-rules.js';
import { child, isObject, resolveChild, resolveNode, type Located } from './resolve.js';
import { compareResponses } from './response-rules.js';
import type { RuleContext } from './rule-context.js';
import { compareOperationSurface } from './sdk-surface-rules.js';
import { compareSecurity } from './security-rules.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** `/room/{token}` and `/room/{roomToken}` name the same endpoint. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

function pathItems(doc: JsonObject): Map<string, { path: string; item: Located }> {
  const map = new Map<string, { path: string; item: Located }>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths)) {
    const item = resolveNode(doc, paths[path], child('/paths', path));
    if (item) map.set(pathShape(path), { path, item });
  }
  return map;
}

function operationRef(method: string, path: string, op: JsonObject): OperationRef {
  return { method: method.toUpperCase(), path, ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}) };
}

/**
 * Path and operation rules: removed paths and operations (breaking), added ones (non-breaking), and for
 * each operation on both sides the parameter, request body, response, security and SDK-surface rules.
 *
 * @example
 * ```ts
 * const ctx = new RuleContext(baseSlice, headSlice);
 * compareOperations(ctx);
 * ctx.findings; // [{ id: 'operation-removed', operation: { method: 'DELETE', path: '/room/{token}/favorite' }, ... }]
 * ```
 */
export function compareOperations(ctx: RuleContext): void {
  const base = pathItems(ctx.base);
  const head = pathItems(ctx.head);
  for (const [shape, b] of base) {
    const h = head.get(shape);
    for (const method of HTTP_METHODS) {
      const bOp = resolveChild(ctx.base, b.item, method);
      if (!bOp) continue;
      const hOp = h ? resolveChild(ctx.head, h.item, method) : undefined;
      if (hOp && h) {
        ctx.operation = operationRef(method, h.path, hOp.node);
        compareOperation(ctx, b, bOp, h, hOp);
        continue;
      }
      const ref = operationRef(method, b.path, bOp.node);
      ctx.operation = ref;
      const name = `\`${ref.method} ${ref.path}\`${ref.operationId ? ` (${ref.operationId})` : ''}`;
      ctx.add(
        h
          ? { id: 'operation-removed', pointer: bOp.pointer, side: 'base', message: `removed operation ${name}` }
          : { id: 'path-removed', pointer: bOp.pointer, side: 'base', message: `removed operation ${name} (the whole path is gone)` },
      );
    }
  }
  for (const [shape, h] of head) {
    const b = base.get(shape);
    for (const method of HTTP_METHODS) {
      const hOp = resolveChild(ctx.head, h.item, method);
      if (!hOp || (b && resolveChild(ctx.base, b.item, method))) continue;
      const ref = operationRef(method, h.path, hOp.node);
      ctx.operation = ref;
      ctx.add({
        id: 'operation-added',
        pointer: hOp.pointer,
        side: 'head',
        message: `added operation \`${ref.method} ${ref.path}\`${ref.operationId ? ` (${ref.operationId})` : ''}`,
      });
    }
  }
  ctx.operation = undefined;
}

function compareOperation(ctx: RuleContext, b: { path: string; item: Located }, bOp: Located, h: { path: string; item: Located }, hOp: Located): void {
  compareOperationSurface(ctx, bOp, hOp);
  compareSecurity(ctx, bOp, hOp);
  compareParameters(ctx, effectiveParameters(ctx.base, b.item, bOp, b.path), effectiveParameters(ctx.head, h.item, hOp, h.path));
  compareRequestBodies(ctx, resolveChild(ctx.base, bOp, 'requestBody'), resolveChild(ctx.head, hOp, 'requestBody'));
  compareResponses(ctx, resolveChild(ctx.base, bOp, 'responses'), resolveChild(ctx.head, hOp, 'responses'));
}
