import type { JsonObject } from '../load/slice.js';
import { jsonEqual, child, isObject, resolveChild, type Located } from './resolve.js';
import type { RuleContext } from './rule-context.js';
import { addSchemaFindings } from './schema-findings.js';

const isSuccess = (status: string) => /^2/.test(status) || status.toUpperCase() === '2XX';

/**
 * Response rules: statuses removed or added, media types removed, headers removed, and the response
 * schemas compared as response data (a wider schema or a lost promised field breaks clients).
 * A removed success status breaks clients; a removed error status only means the server no longer fails
 * that way. A new success status breaks clients that handle the documented ones only; a new error status
 * does not (clients must handle unknown errors anyway).
 *
 * @example
 * ```ts
 * compareResponses(ctx, resolveChild(ctx.base, baseOp, 'responses'), resolveChild(ctx.head, headOp, 'responses'));
 * ```
 */
export function compareResponses(ctx: RuleContext, base: Located | undefined, head: Located | undefined): void {
  const bStatuses = base ? Object.keys(base.node) : [];
  const hStatuses = head ? Object.keys(head.node) : [];
  for (const status of bStatuses) {
    if (hStatuses.includes(status)) continue;
    const pointer = child(base!.pointer, status);
    if (isSuccess(status)) ctx.add({ id: 'response-success-status-removed', pointer, side: 'base', message: `success response ${status} removed` });
    else ctx.add({ id: 'response-status-removed', pointer, side: 'base', message: `response ${status} removed` });
  }
  for (const status of hStatuses) {
    if (bStatuses.includes(status)) continue;
    const pointer = child(head!.pointer, status);
    if (isSuccess(status)) ctx.add({ id: 'response-success-status-added', pointer, side: 'head', message: `success response ${status} added` });
    else ctx.add({ id: 'response-status-added', pointer, side: 'head', message: `response ${status} added` });
  }
  for (const status of hStatuses) {
    if (!bStatuses.includes(status)) continue;
    const b = resolveChild(ctx.base, base!, status);
    const h = resolveChild(ctx.head, head!, status);
    if (b && h) compareResponse(ctx, status, b, h);
  }
}

function compareResponse(ctx: RuleContext, status: string, b: Located, h: Located): void {
  if (typeof b.node.description === 'string' && typeof h.node.description === 'string' && b.node.description !== h.node.description) {
    ctx.add({ id: 'description-changed', pointer: h.pointer, side: 'head', message: `description of response ${status} changed` });
  }
  compareHeaders(ctx, status, b, h);
  const bContent: JsonObject = isObject(b.node.content) ? b.node.content : {};
  const hContent: JsonObject = isObject(h.node.content) ? h.node.content : {};
  for (const type of Object.keys(bContent)) {
    if (!(type in hContent))
      ctx.add({
        id: 'response-media-type-removed',
        pointer: child(child(b.pointer, 'content'), type),
        side: 'base',
        message: `response ${status}: media type \`${type}\` removed`,
      });
  }
  for (const type of Object.keys(hContent)) {
    if (!(type in bContent)) {
      ctx.add({
        id: 'response-media-type-added',
        pointer: child(child(h.pointer, 'content'), type),
        side: 'head',
        message: `response ${status}: media type \`${type}\` added`,
      });
      continue;
    }
    const bm = resolveChild(ctx.base, b, 'content', type);
    const hm = resolveChild(ctx.head, h, 'content', type);
    if (!bm || !hm) continue;
    if (!jsonEqual(bm.node.example ?? bm.node.examples, hm.node.example ?? hm.node.examples)) {
      ctx.add({ id: 'example-changed', pointer: hm.pointer, side: 'head', message: `example of response ${status} (${type}) changed` });
    }
    const bs = resolveChild(ctx.base, bm, 'schema');
    const hs = resolveChild(ctx.head, hm, 'schema');
    if (bs && hs) addSchemaFindings(ctx, bs, hs, 'response', `response ${status} (${type})`);
    else if (bs && !hs) ctx.add({ id: 'response-schema-removed', pointer: bs.pointer, side: 'base', message: `response ${status} (${type}): schema removed` });
  }
}

function compareHeaders(ctx: RuleContext, status: string, b: Located, h: Located): void {
  const index = (r: Located) => {
    const map = new Map<string, string>();
    if (isObject(r.node.headers)) for (const name of Object.keys(r.node.headers)) map.set(name.toLowerCase(), name);
    return map;
  };
  const bh = index(b);
  const hh = index(h);
  for (const [key, name] of bh) {
    if (!hh.has(key))
      ctx.add({
        id: 'response-header-removed',
        pointer: child(child(b.pointer, 'headers'), name),
        side: 'base',
        message: `response ${status}: header \`${name}\` removed`,
      });
  }
  for (const [key, name] of hh) {
    const baseName = bh.get(key);
    if (!baseName) {
      ctx.add({
        id: 'response-header-added',
        pointer: child(child(h.pointer, 'headers'), name),
        side: 'head',
        message: `response ${status}: header \`${name}\` added`,
      });
      continue;
    }
    const bl = resolveChild(ctx.base, b, 'headers', baseName);
    const hl = resolveChild(ctx.head, h, 'headers', name);
    if (!bl || !hl) continue;
    if (bl.node.required === true && hl.node.required !== true) {
      ctx.add({
        id: 'response-header-became-optional',
        pointer: hl.pointer,
        side: 'head',
        message: `response ${status}: header \`${name}\` is no longer always sent`,
      });
    }
    const bs = resolveChild(ctx.base, bl, 'schema');
    const hs = resolveChild(ctx.head, hl, 'schema');
    if (bs && hs) addSchemaFindings(ctx, bs, hs, 'response', `response ${status}: header \`${name}\``);
  }
}
