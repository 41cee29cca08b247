import type { JsonObject } from '../load/slice.js';
import { child, isObject, jsonEqual, resolveChild, type Located } from './resolve.js';
import { directionalSeverity, type Flow, type RuleContext } from './rule-context.js';
import { addSchemaFindings } from './schema-findings.js';

/**
 * Who writes the body a `content` map describes and which catalog ids its changes get: request bodies
 * (the client writes), responses and webhook payloads (Talk writes). The same comparison serves all three.
 */
export interface ContentRole {
  /** Who writes the body: `request` = the caller of the operation, `response` = Talk (responses, webhook payloads). */
  flow: Flow;
  /** Where the body sits, the prefix of every message: `request body`, `response 200`, `webhook botMessage payload`. */
  scope: string;
  mediaTypeRemoved: string;
  mediaTypeAdded: string;
  /** A body that changed between JSON, text, a form and binary (or its `contentEncoding`). */
  kindChanged: string;
  /** A media type replaced by a narrower or wider range (`image/*` ↔ `image/png`); without it: removed + added. */
  mediaRangeChanged?: string;
  /** A media type whose schema is gone (responses: generated types fall back to `unknown`). */
  schemaRemoved?: string;
  /** Compare the parts of a `multipart/form-data` or form body (request bodies). */
  parts?: { contentTypeChanged: string; serializationChanged: string };
}

const JSONISH = /^application\/(?:[\w.+-]+\+)?json(?:;|$)|^\*\/\*$/i;
const FORM = /^(?:multipart\/|application\/x-www-form-urlencoded)/i;

const bare = (type: string) => type.split(';')[0].trim().toLowerCase();

/**
 * True when the media range `range` includes `type`: `image/*` includes `image/png`, `*\/*` everything.
 *
 * @example
 * ```ts
 * mediaRangeIncludes('image/*', 'image/png'); // true
 * mediaRangeIncludes('image/png', 'image/*'); // false
 * ```
 */
export function mediaRangeIncludes(range: string, type: string): boolean {
  const [rt, rs] = bare(range).split('/');
  const [tt, ts] = bare(type).split('/');
  if (rt === '*') return true;
  return rt === tt && (rs === '*' || rs === ts);
}

/**
 * What a body is on the wire, from its media type and schema: `JSON`, `text`, `form`, `binary`, or
 * `<encoding>-encoded binary` (OpenAPI 3.1 `contentEncoding`, 3.0 `format: byte`). A string schema with
 * `format: binary` or a `contentMediaType` that is not JSON is binary, whatever the media type says.
 *
 * @example
 * ```ts
 * bodyKind('image/*', { type: 'string', contentMediaType: 'application/octet-stream' }); // 'binary'
 * bodyKind('application/json', { type: 'object' }); // 'JSON'
 * ```
 */
export function bodyKind(mediaType: string, schema: JsonObject | undefined): string {
  if (schema) {
    if (typeof schema.contentEncoding === 'string') return `${schema.contentEncoding}-encoded binary`;
    if (schema.format === 'byte') return 'base64-encoded binary';
    if (schema.format === 'binary') return 'binary';
    const stringLike = schema.type === undefined || schema.type === 'string';
    if (stringLike && typeof schema.contentMediaType === 'string' && !JSONISH.test(schema.contentMediaType) && !FORM.test(mediaType)) return 'binary';
  }
  if (JSONISH.test(mediaType)) return 'JSON';
  if (FORM.test(mediaType)) return 'form';
  if (/^text\//i.test(mediaType)) return 'text';
  return 'binary';
}

const contentOf = (owner: Located): JsonObject => (isObject(owner.node.content) ? owner.node.content : {});

/**
 * Compare the `content` maps of two bodies (request bodies, responses, webhook payloads): media types
 * removed and added (or replaced by a narrower or wider range), a body that became binary or stopped being
 * JSON, examples, the schemas as data written by `role.flow`, and the parts of form bodies.
 *
 * @example
 * ```ts
 * compareContent(ctx, baseResponse, headResponse, RESPONSE_CONTENT('200'));
 * ```
 */
export function compareContent(ctx: RuleContext, b: Located, h: Located, role: ContentRole): void {
  const bContent = contentOf(b);
  const hContent = contentOf(h);
  const pairs: Array<[string, string]> = [];
  const bLeft = Object.keys(bContent).filter((type) => {
    if (!(type in hContent)) return true;
    pairs.push([type, type]);
    return false;
  });
  const hLeft = Object.keys(hContent).filter((type) => !(type in bContent));
  const at = (owner: Located, type: string) => child(child(owner.pointer, 'content'), type);
  if (role.mediaRangeChanged) {
    for (const bt of [...bLeft]) {
      const ht = hLeft.find((t) => mediaRangeIncludes(t, bt) || mediaRangeIncludes(bt, t));
      if (!ht) continue;
      const direction = mediaRangeIncludes(ht, bt) ? 'widened' : 'narrowed';
      ctx.add({
        id: role.mediaRangeChanged,
        severity: directionalSeverity(role.flow, direction),
        pointer: at(h, ht),
        side: 'head',
        message: `${role.scope}: media type \`${bt}\` replaced by the ${direction === 'widened' ? 'wider' : 'narrower'} \`${ht}\``,
      });
      pairs.push([bt, ht]);
      bLeft.splice(bLeft.indexOf(bt), 1);
      hLeft.splice(hLeft.indexOf(ht), 1);
    }
  }
  for (const type of bLeft)
    ctx.add({ id: role.mediaTypeRemoved, pointer: at(b, type), side: 'base', message: `${role.scope}: media type \`${type}\` removed` });
  for (const type of hLeft) ctx.add({ id: role.mediaTypeAdded, pointer: at(h, type), side: 'head', message: `${role.scope}: media type \`${type}\` added` });

  const kind = (owner: Located, doc: JsonObject, type: string) => bodyKind(type, resolveChild(doc, owner, 'content', type, 'schema')?.node);
  const kindChange = (from: string, to: string, pointer: string, types: string) =>
    ctx.add({ id: role.kindChanged, pointer, side: 'head', message: `${role.scope}${types}: the body changed from ${from} to ${to}` });
  if (pairs.length === 0 && bLeft.length > 0 && hLeft.length > 0) {
    // every media type replaced (`application/json` → `image/svg+xml`): did the body stop being what clients parse?
    const bKinds = new Set(bLeft.map((t) => kind(b, ctx.base, t)));
    const hKinds = new Set(hLeft.map((t) => kind(h, ctx.head, t)));
    if ([...hKinds].every((k) => !bKinds.has(k))) kindChange([...bKinds].join(' or '), [...hKinds].join(' or '), child(h.pointer, 'content'), '');
  }
  for (const [bt, ht] of pairs) {
    const bm = resolveChild(ctx.base, b, 'content', bt);
    const hm = resolveChild(ctx.head, h, 'content', ht);
    if (!bm || !hm) continue;
    const label = bt === ht ? ht : `${bt} → ${ht}`;
    if (!jsonEqual(bm.node.example ?? bm.node.examples, hm.node.example ?? hm.node.examples)) {
      ctx.add({ id: 'example-changed', pointer: hm.pointer, side: 'head', message: `example of the ${role.scope} (${label}) changed` });
    }
    const bk = kind(b, ctx.base, bt);
    const hk = kind(h, ctx.head, ht);
    // a body that changed kind is one change: its schema is no longer comparable field by field
    if (bk !== hk) {
      kindChange(bk, hk, hm.pointer, ` (${label})`);
      continue;
    }
    const bs = resolveChild(ctx.base, bm, 'schema');
    const hs = resolveChild(ctx.head, hm, 'schema');
    // the schema of a binary body only says "bytes" (`format: binary` and `contentMediaType` spell the same)
    if (bk.endsWith('binary')) continue;
    if (bs && hs) addSchemaFindings(ctx, bs, hs, role.flow, `${role.scope} (${label})`);
    else if (bs && !hs && role.schemaRemoved)
      ctx.add({ id: role.schemaRemoved, pointer: bs.pointer, side: 'base', message: `${role.scope} (${label}): schema removed` });
    if (role.parts && bs && hs && bk === 'form') compareParts(ctx, bm, hm, bs, hs, role, label);
  }
}

/** The content types a form part is sent as: `encoding.<part>.contentType`, else the OpenAPI default for its schema. */
function partContentTypes(media: Located, schema: Located, doc: JsonObject, part: string): string[] {
  const declared = isObject(media.node.encoding) && isObject(media.node.encoding[part]) ? media.node.encoding[part].contentType : undefined;
  if (typeof declared === 'string')
    return declared
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  const prop = resolveChild(doc, schema, 'properties', part)?.node;
  if (!prop) return [];
  if (typeof prop.contentMediaType === 'string') return [prop.contentMediaType];
  if (prop.format === 'binary' || prop.format === 'byte' || typeof prop.contentEncoding === 'string') return ['application/octet-stream'];
  return prop.type === 'object' || prop.type === 'array' ? ['application/json'] : ['text/plain'];
}

function compareParts(ctx: RuleContext, bm: Located, hm: Located, bs: Located, hs: Located, role: ContentRole, label: string): void {
  const ids = role.parts!;
  const bProps = isObject(bs.node.properties) ? bs.node.properties : {};
  const hProps = isObject(hs.node.properties) ? hs.node.properties : {};
  const encodingOf = (media: Located, part: string): JsonObject =>
    isObject(media.node.encoding) && isObject(media.node.encoding[part]) ? media.node.encoding[part] : {};
  for (const part of Object.keys(hProps)) {
    if (!(part in bProps)) continue;
    const from = partContentTypes(bm, bs, ctx.base, part);
    const to = partContentTypes(hm, hs, ctx.head, part);
    const dropped = from.filter((t) => !to.some((r) => mediaRangeIncludes(r, t)));
    const gained = to.filter((t) => !from.some((r) => mediaRangeIncludes(r, t)));
    const pointer =
      isObject(hm.node.encoding) && isObject(hm.node.encoding[part])
        ? child(child(hm.pointer, 'encoding'), part)
        : child(child(hs.pointer, 'properties'), part);
    if (dropped.length > 0 || gained.length > 0) {
      const direction = dropped.length > 0 && gained.length > 0 ? 'changed' : dropped.length > 0 ? 'narrowed' : 'widened';
      ctx.add({
        id: ids.contentTypeChanged,
        severity: directionalSeverity(role.flow, direction),
        pointer,
        side: 'head',
        message: `${role.scope} (${label}): part \`${part}\` content type changed from ${from.join(', ') || 'none'} to ${to.join(', ') || 'none'}`,
      });
    }
    // OpenAPI defaults: style `form`, explode true for `form`
    const serialization = (e: JsonObject) => {
      const style = String(e.style ?? 'form');
      return { style, explode: String(e.explode ?? style === 'form') };
    };
    const be = serialization(encodingOf(bm, part));
    const he = serialization(encodingOf(hm, part));
    if (be.style !== he.style || be.explode !== he.explode) {
      ctx.add({
        id: ids.serializationChanged,
        pointer,
        side: 'head',
        message: `${role.scope} (${label}): part \`${part}\` serialization changed from style ${be.style}, explode ${be.explode} to style ${he.style}, explode ${he.explode}`,
      });
    }
  }
}
