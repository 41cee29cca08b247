import type { Json, JsonObject } from '../load/slice.js';
import { jsonEqual, child, isObject, type Located } from './resolve.js';
import type { RuleContext } from './rule-context.js';

/** `basicAuth`, `oauth(repo, user)`, `basicAuth + apiKey`, or `anonymous` for the empty requirement. */
function requirementKey(requirement: Json): string {
  if (!isObject(requirement)) return 'invalid';
  const names = Object.keys(requirement).sort();
  if (names.length === 0) return 'anonymous';
  return names
    .map((name) => {
      const scopes = requirement[name];
      return Array.isArray(scopes) && scopes.length > 0 ? `${name}(${[...scopes].map(String).sort().join(', ')})` : name;
    })
    .join(' + ');
}

/**
 * Security rules for one operation. The requirements are alternatives: dropping one (anonymous access,
 * an auth scheme, or a scope set) breaks the clients that use it; adding one does not.
 *
 * @example
 * ```ts
 * compareSecurity(ctx, baseOp, headOp); // 'security-requirement-removed' when `{}` (anonymous) disappears
 * ```
 */
export function compareSecurity(ctx: RuleContext, base: Located, head: Located): void {
  const effective = (doc: JsonObject, op: Located) => (Array.isArray(op.node.security) ? { list: op.node.security, pointer: child(op.pointer, 'security') } : { list: Array.isArray(doc.security) ? doc.security : [], pointer: '/security' });
  const b = effective(ctx.base, base);
  const h = effective(ctx.head, head);
  const bKeys = b.list.map(requirementKey);
  const hKeys = h.list.map(requirementKey);
  for (const key of new Set(bKeys)) {
    if (!hKeys.includes(key)) ctx.add({ id: 'security-requirement-removed', severity: 'breaking', pointer: b.pointer, side: 'base', message: `security: ${key === 'anonymous' ? 'anonymous access' : `\`${key}\``} no longer accepted` });
  }
  for (const key of new Set(hKeys)) {
    if (!bKeys.includes(key)) ctx.add({ id: 'security-requirement-added', severity: 'non-breaking', pointer: h.pointer, side: 'head', message: `security: ${key === 'anonymous' ? 'anonymous access' : `\`${key}\``} now accepted as an alternative` });
  }
}

/** Security schemes whose definition changed (type, scheme, flows): every client using them breaks. */
export function compareSecuritySchemes(ctx: RuleContext): void {
  const schemes = (doc: JsonObject) => (isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {});
  const b = schemes(ctx.base);
  const h = schemes(ctx.head);
  for (const name of Object.keys(b)) {
    if (!(name in h)) continue;
    const strip = (s: Json) => (isObject(s) ? { ...s, description: undefined } : s);
    if (!jsonEqual(strip(b[name]), strip(h[name]))) {
      ctx.add({ id: 'security-scheme-changed', severity: 'breaking', pointer: `/components/securitySchemes/${name}`, side: 'head', message: `security scheme \`${name}\` changed` });
    }
  }
}
