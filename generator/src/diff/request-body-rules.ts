import { jsonEqual, child, isObject, resolveChild, type Located } from './resolve.js';
import type { RuleContext } from './rule-context.js';
import { addSchemaFindings } from './schema-findings.js';

/**
 * Request body rules: body added as required, removed, optional→required, media types removed, and the
 * body schemas compared as request data.
 *
 * @example
 * ```ts
 * compareRequestBodies(ctx, resolveChild(ctx.base, baseOp, 'requestBody'), resolveChild(ctx.head, headOp, 'requestBody'));
 * ```
 */
export function compareRequestBodies(ctx: RuleContext, base: Located | undefined, head: Located | undefined): void {
  if (!base && !head) return;
  if (!base && head) {
    if (head.node.required === true)
      ctx.add({ id: 'request-required-body-added', pointer: head.pointer, side: 'head', message: 'request body added and required' });
    else ctx.add({ id: 'request-body-added', pointer: head.pointer, side: 'head', message: 'optional request body added' });
    return;
  }
  if (base && !head) {
    ctx.add({ id: 'request-body-removed', pointer: base.pointer, side: 'base', message: 'request body removed (the server no longer reads it)' });
    return;
  }
  const b = base!;
  const h = head!;
  if (b.node.required !== true && h.node.required === true)
    ctx.add({ id: 'request-body-became-required', pointer: h.pointer, side: 'head', message: 'request body became required' });
  if (b.node.required === true && h.node.required !== true)
    ctx.add({ id: 'request-body-became-optional', pointer: h.pointer, side: 'head', message: 'request body became optional' });
  if (typeof b.node.description === 'string' && typeof h.node.description === 'string' && b.node.description !== h.node.description) {
    ctx.add({ id: 'description-changed', pointer: h.pointer, side: 'head', message: 'description of the request body changed' });
  }
  const bContent = isObject(b.node.content) ? b.node.content : {};
  const hContent = isObject(h.node.content) ? h.node.content : {};
  for (const type of Object.keys(bContent)) {
    if (!(type in hContent))
      ctx.add({
        id: 'request-media-type-removed',
        pointer: child(child(b.pointer, 'content'), type),
        side: 'base',
        message: `request body media type \`${type}\` removed`,
      });
  }
  for (const type of Object.keys(hContent)) {
    if (!(type in bContent)) {
      ctx.add({
        id: 'request-media-type-added',
        pointer: child(child(h.pointer, 'content'), type),
        side: 'head',
        message: `request body media type \`${type}\` added`,
      });
      continue;
    }
    const bm = resolveChild(ctx.base, b, 'content', type);
    const hm = resolveChild(ctx.head, h, 'content', type);
    if (!bm || !hm) continue;
    if (!jsonEqual(bm.node.example ?? bm.node.examples, hm.node.example ?? hm.node.examples)) {
      ctx.add({ id: 'example-changed', pointer: hm.pointer, side: 'head', message: `example of the request body (${type}) changed` });
    }
    const bs = resolveChild(ctx.base, bm, 'schema');
    const hs = resolveChild(ctx.head, hm, 'schema');
    if (bs && hs) addSchemaFindings(ctx, bs, hs, 'request', `request body (${type})`);
  }
}
