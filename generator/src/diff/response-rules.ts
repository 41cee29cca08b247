import type { JsonObject } from '../load/slice.js';
import { compareContent, type ContentRole } from './content-rules.js';
import { child, isObject, resolveChild, type Located } from './resolve.js';
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

const RESPONSE_HEADERS: HeaderRole = {
  removed: 'response-header-removed',
  added: 'response-header-added',
  becameOptional: 'response-header-became-optional',
};

/** The content of one response: Talk writes it, clients read it. */
const responseContent = (status: string): ContentRole => ({
  flow: 'response',
  scope: `response ${status}`,
  mediaTypeRemoved: 'response-media-type-removed',
  mediaTypeAdded: 'response-media-type-added',
  mediaRangeChanged: 'response-media-type-range-changed',
  kindChanged: 'response-body-kind-changed',
  schemaRemoved: 'response-schema-removed',
});

function compareResponse(ctx: RuleContext, status: string, b: Located, h: Located): void {
  if (typeof b.node.description === 'string' && typeof h.node.description === 'string' && b.node.description !== h.node.description) {
    ctx.add({ id: 'description-changed', pointer: h.pointer, side: 'head', message: `description of response ${status} changed` });
  }
  const headers = (r: Located) =>
    new Map(isObject(r.node.headers) ? Object.keys(r.node.headers).map((name) => [name, child(child(r.pointer, 'headers'), name)] as const) : []);
  const located = (doc: JsonObject, r: Located) => (name: string) => resolveChild(doc, r, 'headers', name);
  compareHeaders(
    ctx,
    `response ${status}`,
    { names: headers(b), resolve: located(ctx.base, b) },
    { names: headers(h), resolve: located(ctx.head, h) },
    RESPONSE_HEADERS,
  );
  compareContent(ctx, b, h, responseContent(status));
}

/** The catalog ids of header changes where Talk sends the headers (responses, webhook requests) and the other side reads them. */
export interface HeaderRole {
  removed: string;
  added: string;
  becameOptional: string;
  becameRequired?: string;
}

/** The headers of one side: name → pointer, and how to resolve one (a header object or a header parameter). */
export interface HeaderSet {
  names: Map<string, string>;
  resolve: (name: string) => Located | undefined;
}

/**
 * Header rules where Talk writes the headers and the other side reads them (response headers, the headers of
 * a webhook request): removed or no longer always sent is breaking; the header schemas are compared as
 * response data. Names are compared case-insensitively.
 *
 * @example
 * ```ts
 * compareHeaders(ctx, 'response 200', baseHeaders, headHeaders, RESPONSE_HEADERS);
 * ```
 */
export function compareHeaders(ctx: RuleContext, scope: string, base: HeaderSet, head: HeaderSet, role: HeaderRole): void {
  const index = (set: HeaderSet) => new Map([...set.names.keys()].map((name) => [name.toLowerCase(), name] as const));
  const bh = index(base);
  const hh = index(head);
  for (const [key, name] of bh) {
    if (!hh.has(key)) ctx.add({ id: role.removed, pointer: base.names.get(name)!, side: 'base', message: `${scope}: header \`${name}\` removed` });
  }
  for (const [key, name] of hh) {
    const baseName = bh.get(key);
    if (!baseName) {
      const always = head.resolve(name)?.node.required === true;
      ctx.add({ id: role.added, pointer: head.names.get(name)!, side: 'head', message: `${scope}: ${always ? 'required ' : ''}header \`${name}\` added` });
      continue;
    }
    const bl = base.resolve(baseName);
    const hl = head.resolve(name);
    if (!bl || !hl) continue;
    if (bl.node.required === true && hl.node.required !== true) {
      ctx.add({ id: role.becameOptional, pointer: hl.pointer, side: 'head', message: `${scope}: header \`${name}\` is no longer always sent` });
    }
    if (role.becameRequired && bl.node.required !== true && hl.node.required === true) {
      ctx.add({ id: role.becameRequired, pointer: hl.pointer, side: 'head', message: `${scope}: header \`${name}\` is now always sent` });
    }
    const bs = resolveChild(ctx.base, bl, 'schema');
    const hs = resolveChild(ctx.head, hl, 'schema');
    if (bs && hs) addSchemaFindings(ctx, bs, hs, 'response', `${scope}: header \`${name}\``);
  }
}
