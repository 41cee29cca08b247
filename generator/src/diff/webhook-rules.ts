import type { JsonObject } from '../load/slice.js';
import { HTTP_METHODS } from './operation-rules.js';
import { compareRequestBodies, WEBHOOK_PAYLOAD } from './request-body-rules.js';
import { child, isObject, resolveChild, resolveNode, type Located } from './resolve.js';
import { compareHeaders, type HeaderRole, type HeaderSet } from './response-rules.js';
import type { RuleContext } from './rule-context.js';
import { compareOperationSurface } from './sdk-surface-rules.js';

/** The `path` of the operation ref of a webhook finding: `webhook:botMessage` (policy entries: `POST webhook:botMessage` or the operationId). */
export const webhookPath = (name: string) => `webhook:${name}`;

const WEBHOOK_HEADERS: HeaderRole = {
  removed: 'webhook-header-removed',
  added: 'webhook-header-added',
  becameOptional: 'webhook-header-became-optional',
  becameRequired: 'webhook-header-became-required',
};

/** The header parameters of a webhook operation (path-item ones overridden by the operation's), by name. */
function webhookHeaders(doc: JsonObject, item: Located, operation: Located): HeaderSet {
  const found = new Map<string, Located>();
  for (const owner of [item, operation]) {
    const list = owner.node.parameters;
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const param = resolveNode(doc, raw, child(child(owner.pointer, 'parameters'), i));
      if (param && param.node.in === 'header' && typeof param.node.name === 'string') found.set(param.node.name, param);
    });
  }
  return { names: new Map([...found].map(([name, p]) => [name, p.pointer])), resolve: (name) => found.get(name) };
}

function webhookItems(doc: JsonObject): Map<string, Located> {
  const map = new Map<string, Located>();
  const hooks = isObject(doc.webhooks) ? doc.webhooks : {};
  for (const name of Object.keys(hooks)) {
    const item = resolveNode(doc, hooks[name], child('/webhooks', name));
    if (item) map.set(name, item);
  }
  return map;
}

/**
 * Webhook rules (OpenAPI 3.1 `webhooks`: the requests Talk sends to a bot), judged from the receiver's side:
 * a webhook removed is breaking, one added is not; the payload is compared as data Talk writes and the bot
 * reads (a removed field, a wider type, a new enum value, a field no longer always sent break bots), and so
 * are the headers (a signature header removed or no longer always sent breaks them). The SDK-surface rules
 * (operationId, tags, docs) apply as to operations.
 *
 * @example
 * ```ts
 * compareWebhooks(ctx); // ctx.findings gets 'webhook-removed' when `webhooks.botMessage` is gone
 * ```
 */
export function compareWebhooks(ctx: RuleContext): void {
  const base = webhookItems(ctx.base);
  const head = webhookItems(ctx.head);
  const ref = (name: string, method: string, op: JsonObject) => ({
    method: method.toUpperCase(),
    path: webhookPath(name),
    ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
  });
  for (const [name, b] of base) {
    const h = head.get(name);
    for (const method of HTTP_METHODS) {
      const bOp = resolveChild(ctx.base, b, method);
      if (!bOp) continue;
      const hOp = h ? resolveChild(ctx.head, h, method) : undefined;
      if (!h || !hOp) {
        ctx.operation = ref(name, method, bOp.node);
        ctx.add({ id: 'webhook-removed', pointer: bOp.pointer, side: 'base', message: `removed webhook \`${name}\` (${method.toUpperCase()})` });
        continue;
      }
      ctx.operation = ref(name, method, hOp.node);
      compareOperationSurface(ctx, bOp, hOp);
      compareHeaders(ctx, `webhook ${name}`, webhookHeaders(ctx.base, b, bOp), webhookHeaders(ctx.head, h, hOp), WEBHOOK_HEADERS);
      compareRequestBodies(ctx, resolveChild(ctx.base, bOp, 'requestBody'), resolveChild(ctx.head, hOp, 'requestBody'), WEBHOOK_PAYLOAD(name));
    }
  }
  for (const [name, h] of head) {
    const b = base.get(name);
    for (const method of HTTP_METHODS) {
      const hOp = resolveChild(ctx.head, h, method);
      if (!hOp || (b && resolveChild(ctx.base, b, method))) continue;
      ctx.operation = ref(name, method, hOp.node);
      ctx.add({ id: 'webhook-added', pointer: hOp.pointer, side: 'head', message: `added webhook \`${name}\` (${method.toUpperCase()})` });
    }
  }
  ctx.operation = undefined;
}
