import { compareContent, type ContentRole } from './content-rules.js';
import type { Located } from './resolve.js';
import type { RuleContext } from './rule-context.js';

/** The catalog ids of the body-level changes of one kind of body, beside the rules of its `content`. */
export interface BodyRole extends ContentRole {
  requiredBodyAdded: string;
  bodyAdded: string;
  bodyRemoved: string;
  becameRequired: string;
  becameOptional: string;
  /** Message of a removed body. */
  removedText: string;
}

/** The request body of an operation: the client writes it, Talk reads it. */
export const REQUEST_BODY: BodyRole = {
  flow: 'request',
  scope: 'request body',
  requiredBodyAdded: 'request-required-body-added',
  bodyAdded: 'request-body-added',
  bodyRemoved: 'request-body-removed',
  becameRequired: 'request-body-became-required',
  becameOptional: 'request-body-became-optional',
  removedText: 'request body removed (the server no longer reads it)',
  mediaTypeRemoved: 'request-media-type-removed',
  mediaTypeAdded: 'request-media-type-added',
  mediaRangeChanged: 'request-media-type-range-changed',
  kindChanged: 'request-body-kind-changed',
  parts: { contentTypeChanged: 'request-part-content-type-changed', serializationChanged: 'request-part-serialization-changed' },
};

/**
 * The payload of a webhook (the request body Talk sends to a bot): Talk writes it, the bot reads it, so its
 * schemas are judged like response data (a removed field, a wider type or a new enum value breaks bots) and
 * a payload that is no longer always sent, or sent in a new media type, breaks them too. A field of a component
 * that responses share is one change listing the operations and the webhooks.
 */
export const WEBHOOK_PAYLOAD = (name: string): BodyRole => ({
  flow: 'response',
  scope: `webhook ${name} payload`,
  requiredBodyAdded: 'webhook-payload-added',
  bodyAdded: 'webhook-payload-added',
  bodyRemoved: 'webhook-payload-removed',
  becameRequired: 'webhook-payload-became-required',
  becameOptional: 'webhook-payload-became-optional',
  removedText: `webhook ${name} payload removed (Talk sends no body)`,
  mediaTypeRemoved: 'webhook-payload-media-type-removed',
  mediaTypeAdded: 'webhook-payload-media-type-added',
  kindChanged: 'webhook-payload-kind-changed',
});

/**
 * Request body rules: body added as required, removed, optional→required, and its content (media types,
 * binary ↔ JSON, form parts, schemas) compared as data written by `role.flow` — the client for request
 * bodies, Talk for webhook payloads.
 *
 * @example
 * ```ts
 * compareRequestBodies(ctx, resolveChild(ctx.base, baseOp, 'requestBody'), resolveChild(ctx.head, headOp, 'requestBody'));
 * ```
 */
export function compareRequestBodies(ctx: RuleContext, base: Located | undefined, head: Located | undefined, role: BodyRole = REQUEST_BODY): void {
  if (!base && !head) return;
  if (!base && head) {
    if (head.node.required === true) ctx.add({ id: role.requiredBodyAdded, pointer: head.pointer, side: 'head', message: `${role.scope} added and required` });
    else ctx.add({ id: role.bodyAdded, pointer: head.pointer, side: 'head', message: `optional ${role.scope} added` });
    return;
  }
  if (base && !head) {
    ctx.add({ id: role.bodyRemoved, pointer: base.pointer, side: 'base', message: role.removedText });
    return;
  }
  const b = base!;
  const h = head!;
  if (b.node.required !== true && h.node.required === true)
    ctx.add({ id: role.becameRequired, pointer: h.pointer, side: 'head', message: `${role.scope} became required` });
  if (b.node.required === true && h.node.required !== true)
    ctx.add({ id: role.becameOptional, pointer: h.pointer, side: 'head', message: `${role.scope} became optional` });
  if (typeof b.node.description === 'string' && typeof h.node.description === 'string' && b.node.description !== h.node.description) {
    ctx.add({ id: 'description-changed', pointer: h.pointer, side: 'head', message: `description of the ${role.scope} changed` });
  }
  compareContent(ctx, b, h, role);
}
