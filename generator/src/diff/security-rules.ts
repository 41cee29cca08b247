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
  // no security anywhere means anyone may call: the empty requirement
  const effective = (doc: JsonObject, op: Located) => {
    const own = Array.isArray(op.node.security);
    const list = own ? (op.node.security as Json[]) : Array.isArray(doc.security) ? doc.security : [];
    return { list: list.length > 0 ? list : [{}], pointer: own ? child(op.pointer, 'security') : Array.isArray(doc.security) ? '/security' : op.pointer };
  };
  const b = effective(ctx.base, base);
  const h = effective(ctx.head, head);
  const bKeys = b.list.map(requirementKey);
  const hKeys = h.list.map(requirementKey);
  const name = (key: string) => (key === 'anonymous' ? 'anonymous access' : `\`${key}\``);
  const matched = new Set<string>();
  for (const [i, key] of bKeys.entries()) {
    if (hKeys.includes(key)) {
      matched.add(key);
      continue;
    }
    // the same schemes with fewer scopes (or anonymous access) keep old credentials working; more scopes do not
    const fewer = h.list.findIndex((r, j) => !bKeys.includes(hKeys[j]) && scopesWithin(r, b.list[i]));
    if (fewer >= 0) {
      if (sameSchemes(b.list[i], h.list[fewer])) {
        matched.add(hKeys[fewer]);
        ctx.add({ id: 'security-scopes-reduced', pointer: h.pointer, side: 'head', message: `security: ${name(key)} became ${name(hKeys[fewer])}` });
      }
      continue;
    }
    const more = h.list.findIndex((r, j) => !bKeys.includes(hKeys[j]) && sameSchemes(b.list[i], r));
    if (more >= 0) {
      matched.add(hKeys[more]);
      ctx.add({ id: 'security-scopes-added', pointer: h.pointer, side: 'head', message: `security: ${name(key)} became ${name(hKeys[more])}` });
      continue;
    }
    ctx.add({
      id: 'security-requirement-removed',
      pointer: b.pointer,
      side: 'base',
      message: `security: ${name(key)} no longer accepted${key === 'anonymous' ? ` (now ${hKeys.map(name).join(' or ')})` : ''}`,
    });
  }
  for (const key of new Set(hKeys)) {
    if (!matched.has(key) && !bKeys.includes(key))
      ctx.add({ id: 'security-requirement-added', pointer: h.pointer, side: 'head', message: `security: ${name(key)} now accepted as an alternative` });
  }
}

function sameSchemes(a: Json, b: Json): boolean {
  return isObject(a) && isObject(b) && Object.keys(a).length > 0 && jsonEqual(Object.keys(a).sort(), Object.keys(b).sort());
}

/** Every scheme and scope `inner` needs is one `outer` has (credentials for `outer` satisfy `inner`; `{}` is satisfied by any). */
function scopesWithin(inner: Json, outer: Json): boolean {
  if (!isObject(inner) || !isObject(outer)) return false;
  return Object.keys(inner).every((scheme) => {
    if (!(scheme in outer)) return false;
    const need = Array.isArray(inner[scheme]) ? (inner[scheme] as Json[]) : [];
    const have = Array.isArray(outer[scheme]) ? (outer[scheme] as Json[]) : [];
    return need.every((s) => have.includes(s));
  });
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
      ctx.add({ id: 'security-scheme-changed', pointer: `/components/securitySchemes/${name}`, side: 'head', message: `security scheme \`${name}\` changed` });
    }
  }
}
