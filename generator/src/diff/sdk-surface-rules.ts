import type { JsonObject } from '../load/slice.js';
import { canonicalJson, jsonEqual, child, isObject, type Located } from './resolve.js';
import type { RuleContext } from './rule-context.js';

/**
 * SDK-surface rules of one operation: the generated client names its methods after `operationId` and
 * groups them by tag, so renaming or dropping either breaks SDK users even when the wire format is unchanged.
 *
 * @example
 * ```ts
 * compareOperationSurface(ctx, baseOp, headOp); // 'operation-id-changed' when removeFavorite → unfavorite
 * ```
 */
export function compareOperationSurface(ctx: RuleContext, base: Located, head: Located): void {
  const b = base.node.operationId;
  const h = head.node.operationId;
  if (typeof b === 'string' && typeof h === 'string' && b !== h) {
    ctx.add({
      id: 'operation-id-changed',
      pointer: child(head.pointer, 'operationId'),
      side: 'head',
      message: `operationId renamed from \`${b}\` to \`${h}\` (SDK method name)`,
    });
  } else if (typeof b === 'string' && typeof h !== 'string') {
    ctx.add({ id: 'operation-id-removed', pointer: base.pointer, side: 'base', message: `operationId \`${b}\` removed (SDK method name)` });
  } else if (typeof b !== 'string' && typeof h === 'string') {
    ctx.add({ id: 'operation-id-added', pointer: child(head.pointer, 'operationId'), side: 'head', message: `operationId \`${h}\` added` });
  }
  const bTags = Array.isArray(base.node.tags) ? base.node.tags.map(String) : [];
  const hTags = Array.isArray(head.node.tags) ? head.node.tags.map(String) : [];
  for (const tag of bTags) {
    if (!hTags.includes(tag))
      ctx.add({
        id: 'operation-tag-removed',
        pointer: child(head.pointer, 'tags'),
        side: 'head',
        message: `tag \`${tag}\` removed from the operation (SDK grouping)`,
      });
  }
  for (const tag of hTags) {
    if (!bTags.includes(tag))
      ctx.add({ id: 'operation-tag-added', pointer: child(head.pointer, 'tags'), side: 'head', message: `tag \`${tag}\` added to the operation` });
  }
  if (base.node.deprecated !== true && head.node.deprecated === true) {
    ctx.add({ id: 'operation-deprecated', pointer: head.pointer, side: 'head', message: 'operation deprecated' });
  }
  if (base.node.deprecated === true && head.node.deprecated !== true) {
    ctx.add({ id: 'operation-undeprecated', pointer: head.pointer, side: 'head', message: 'operation no longer deprecated' });
  }
  for (const key of ['summary', 'description'] as const) {
    const from = base.node[key];
    const to = head.node[key];
    if (from !== to && (typeof from === 'string' || typeof to === 'string')) {
      ctx.add({
        id: key === 'summary' ? 'summary-changed' : 'description-changed',
        pointer: head.pointer,
        side: 'head',
        message: `${key} of the operation changed`,
      });
    }
  }
  if (!jsonEqual(base.node['x-talk-capability'], head.node['x-talk-capability'])) {
    ctx.add({
      id: 'capability-changed',
      pointer: head.pointer,
      side: 'head',
      message: `required capability changed from ${JSON.stringify(base.node['x-talk-capability'] ?? null)} to ${JSON.stringify(head.node['x-talk-capability'] ?? null)}`,
    });
  }
}

/**
 * Document-level SDK-surface rules: top-level tags removed, named schema components removed or renamed
 * (the SDK exports a type per component). A new component is only a note (docs-only): moving an inline
 * schema into a component changes no client.
 *
 * @example
 * ```ts
 * compareDocumentSurface(ctx); // 'component-renamed' when Room.yaml becomes Conversation.yaml unchanged
 * ```
 */
export function compareDocumentSurface(ctx: RuleContext): void {
  ctx.operation = undefined;
  const tagNames = (doc: JsonObject) => new Set(Array.isArray(doc.tags) ? doc.tags.filter(isObject).map((t) => String(t.name)) : []);
  const bTags = tagNames(ctx.base);
  const hTags = tagNames(ctx.head);
  for (const tag of bTags) {
    if (!hTags.has(tag)) ctx.add({ id: 'tag-removed', pointer: '/tags', side: 'base', message: `tag \`${tag}\` removed (SDK grouping)` });
  }
  for (const tag of hTags) {
    if (!bTags.has(tag)) ctx.add({ id: 'tag-added', pointer: '/tags', side: 'head', message: `tag \`${tag}\` added` });
  }
  const schemas = (doc: JsonObject): JsonObject => (isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {});
  const b = schemas(ctx.base);
  const h = schemas(ctx.head);
  const added = Object.keys(h).filter((name) => !(name in b));
  const addedByContent = new Map<string, string>();
  for (const name of added) addedByContent.set(canonicalJson({ ...(h[name] as JsonObject), title: undefined }), name);
  const renamedTo = new Set<string>();
  for (const name of Object.keys(b)) {
    if (name in h) continue;
    const target = addedByContent.get(canonicalJson({ ...(b[name] as JsonObject), title: undefined }));
    if (target && !renamedTo.has(target)) {
      renamedTo.add(target);
      ctx.add({
        id: 'component-renamed',
        pointer: `/components/schemas/${target}`,
        side: 'head',
        message: `schema component \`${name}\` renamed to \`${target}\` (SDK type name)`,
      });
    } else {
      ctx.add({ id: 'component-removed', pointer: `/components/schemas/${name}`, side: 'base', message: `schema component \`${name}\` removed (SDK type)` });
    }
  }
  for (const name of added) {
    if (renamedTo.has(name)) continue;
    ctx.add({ id: 'component-added', pointer: `/components/schemas/${name}`, side: 'head', message: `schema component \`${name}\` added (new SDK type)` });
  }
}
