// The rule catalog of the contract diff: ONE table of every change id, in the spirit of oasdiff's
// checker/rules.go. Rules reference entries by id; severities, the README rule table and the policy
// validation all come from here.
import type { Severity } from './change.js';

/** Which way a rule measures the set of values or clients it affects. */
export type RuleDirection = 'narrowing' | 'widening' | 'either' | 'none';

/** The families of the rule table (README order). */
export const RULE_FAMILIES = [
  'paths and operations',
  'parameters',
  'request body',
  'request schemas',
  'response schemas',
  'responses',
  'webhooks',
  'security',
  'SDK surface',
  'documentation',
] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/** One row of the catalog. */
export interface RuleEntry {
  id: string;
  family: RuleFamily;
  direction: RuleDirection;
  /** Fixed severity, or `by direction` (narrowing/widening decides, see `directionalSeverity`), or `varies`. */
  severity: Severity | 'by direction' | 'varies';
  /** What the rule detects. */
  description: string;
  /** The effect on a client when the change is breaking (or the only effect). */
  effect: string;
  /** The effect when the same rule fires in its compatible direction. */
  compatibleEffect?: string;
}

type Row = Omit<RuleEntry, 'id' | 'family'>;
const row = (severity: RuleEntry['severity'], direction: RuleDirection, description: string, effect: string, compatibleEffect?: string): Row => ({
  severity,
  direction,
  description,
  effect,
  ...(compatibleEffect ? { compatibleEffect } : {}),
});
const B = 'breaking';
const NB = 'non-breaking';
const D = 'docs-only';
const DIR = 'by direction';
const FINE = 'existing clients keep working';

/** Rules that exist for request schemas and response schemas alike: `request-<stem>` and `response-<stem>`. */
const SCHEMA_RULES: Record<string, { request: Row; response: Row }> = {
  'type-changed': {
    request: row(
      DIR,
      'either',
      'the JSON type of a field changed (integer → number widens)',
      'clients that send the old type get 400',
      'more types are accepted; ' + FINE,
    ),
    response: row(
      DIR,
      'either',
      'the JSON type of a field changed (number → integer narrows)',
      'clients parsing the old type fail; generated types change',
      FINE,
    ),
  },
  'nullable-added': {
    request: row(NB, 'widening', 'a field accepts `null`', 'clients may now send null; ' + FINE),
    response: row(B, 'widening', 'a field may be `null`', 'clients that do not expect null fail on it; generated types gain `| null`'),
  },
  'nullable-removed': {
    request: row(B, 'narrowing', 'a field no longer accepts `null`', 'clients that send null get 400'),
    response: row(NB, 'narrowing', 'a field is never `null` any more', FINE),
  },
  'enum-value-added': {
    request: row(NB, 'widening', 'values added to an enum', 'clients may send the new values; ' + FINE),
    response: row(B, 'widening', 'values added to an enum', 'clients that switch on the value meet one they do not know; generated unions gain members'),
  },
  'enum-value-removed': {
    request: row(B, 'narrowing', 'values removed from an enum', 'clients that send a removed value get 400'),
    response: row(NB, 'narrowing', 'values removed from an enum', 'clients never receive the removed values; ' + FINE),
  },
  'enum-added': {
    request: row(B, 'narrowing', 'a field is restricted to an enum', 'clients that send a value outside the list get 400'),
    response: row(NB, 'narrowing', 'a field is restricted to an enum', FINE),
  },
  'enum-removed': {
    request: row(NB, 'widening', 'an enum restriction dropped', 'any value is accepted; ' + FINE),
    response: row(B, 'widening', 'an enum restriction dropped', 'clients that rely on the listed values may meet any value; generated unions widen'),
  },
  'constraint-tightened': {
    request: row(
      B,
      'narrowing',
      'a bound tightened (min/max, lengths, items, `multipleOf`, `uniqueItems`)',
      'clients that send a value outside the new bound get 400',
    ),
    response: row(NB, 'narrowing', 'a bound tightened', FINE),
  },
  'constraint-loosened': {
    request: row(NB, 'widening', 'a bound loosened or dropped', FINE),
    response: row(B, 'widening', 'a bound loosened or dropped', 'clients that rely on the old bound (sizes, ranges) may get values outside it'),
  },
  'pattern-changed': {
    request: row(
      DIR,
      'either',
      '`pattern` added, changed (breaking both ways) or dropped',
      'clients that send values matching only the old pattern get 400',
      'more values are accepted; ' + FINE,
    ),
    response: row(
      DIR,
      'either',
      '`pattern` added, changed or dropped (breaking when dropped or changed)',
      'clients that parse values by the old pattern may fail',
      FINE,
    ),
  },
  'format-changed': {
    request: row(DIR, 'either', '`format` added, changed or dropped', 'clients that send values of the old format get 400', FINE),
    response: row(DIR, 'either', '`format` added, changed or dropped', 'clients that parse the old format (dates, uuids) fail', FINE),
  },
  'additional-properties-changed': {
    request: row(
      DIR,
      'either',
      'unlisted properties or map values allowed or refused (`additionalProperties` false, a schema, or dropped)',
      'clients that send unlisted properties or map values of the old type get 400',
      FINE,
    ),
    response: row(
      DIR,
      'either',
      'unlisted properties or map values allowed or refused (a map losing its value schema widens)',
      'clients reading map values lose their type (generated types fall back to `unknown`) or meet unlisted properties',
      FINE,
    ),
  },
  'map-became-object': {
    request: row(
      B,
      'either',
      'a map (`additionalProperties` only) became an object with fixed properties',
      'clients that send arbitrary keys have them refused or ignored; generated types change from a map to an object',
    ),
    response: row(
      B,
      'either',
      'a map (`additionalProperties` only) became an object with fixed properties',
      'clients that iterate the keys or read values by key break; generated types change from a map to an object',
    ),
  },
  'one-of-branch-added': {
    request: row(NB, 'widening', 'a `oneOf` branch added', FINE),
    response: row(B, 'widening', 'a `oneOf` branch added', 'clients meet values of a shape they do not handle'),
  },
  'one-of-branch-removed': {
    request: row(
      DIR,
      'narrowing',
      'a `oneOf` branch removed (not breaking when another branch, or the schema itself, still accepts all its values)',
      'clients that send values of the removed shape get 400',
      'its values are still accepted; ' + FINE,
    ),
    response: row(NB, 'narrowing', 'a `oneOf` branch removed', FINE),
  },
  'any-of-branch-added': {
    request: row(NB, 'widening', 'an `anyOf` branch added', FINE),
    response: row(B, 'widening', 'an `anyOf` branch added', 'clients meet values of a shape they do not handle'),
  },
  'any-of-branch-removed': {
    request: row(
      DIR,
      'narrowing',
      'an `anyOf` branch removed (not breaking when another branch, or the schema itself, still accepts all its values)',
      'clients that send values of the removed shape get 400',
      'its values are still accepted; ' + FINE,
    ),
    response: row(NB, 'narrowing', 'an `anyOf` branch removed', FINE),
  },
  'all-of-member-added': {
    request: row(B, 'narrowing', 'an `allOf` member added that is not a plain object merge', 'clients must also satisfy the new member or get 400'),
    response: row(NB, 'narrowing', 'an `allOf` member added', FINE),
  },
  'all-of-member-removed': {
    request: row(NB, 'widening', 'an `allOf` member removed', FINE),
    response: row(B, 'widening', 'an `allOf` member removed that is not a plain object merge', 'clients lose what the member guaranteed'),
  },
  'discriminator-value-added': {
    request: row(NB, 'widening', 'a discriminator mapping value added', FINE),
    response: row(B, 'widening', 'a discriminator mapping value added (or renamed)', 'clients that switch on the discriminator meet a value they do not know'),
  },
  'discriminator-value-removed': {
    request: row(B, 'narrowing', 'a discriminator mapping value removed (or renamed)', 'clients that send the old discriminator value get 400'),
    response: row(NB, 'narrowing', 'a discriminator mapping value removed', FINE),
  },
  'discriminator-property-changed': {
    request: row(
      B,
      'either',
      'the discriminator `propertyName` changed',
      'the server reads the type from another field: clients’ values are misread or refused',
    ),
    response: row(B, 'either', 'the discriminator `propertyName` changed', 'clients read the type from the old field and pick the wrong shape'),
  },
};

const TABLE: Record<RuleFamily, Record<string, Row>> = {
  'paths and operations': {
    'path-removed': row(B, 'narrowing', 'a whole path is gone', 'clients calling it get 404'),
    'operation-removed': row(
      B,
      'narrowing',
      'an operation is gone (also when it leaves a version through `x-talk-added`/`x-talk-removed`)',
      'clients calling it get 404 or 405; the SDK method disappears',
    ),
    'operation-added': row(NB, 'widening', 'a new operation', 'a new SDK method; ' + FINE),
    'operation-deprecated': row(NB, 'none', 'an operation marked `deprecated`', 'clients keep working; plan to move off it'),
    'operation-undeprecated': row(NB, 'none', 'an operation no longer `deprecated`', 'clients may keep using it'),
  },
  parameters: {
    'request-parameter-removed': row(B, 'narrowing', 'a parameter is gone', 'clients that send it have it ignored or get 400; the SDK parameter disappears'),
    'request-required-parameter-added': row(B, 'narrowing', 'a new required parameter', 'clients that do not send it get 400'),
    'request-parameter-added': row(NB, 'widening', 'a new optional parameter', FINE),
    'request-parameter-became-required': row(B, 'narrowing', 'an optional parameter became required', 'clients that omit it get 400'),
    'request-parameter-required-with-default': row(
      B,
      'narrowing',
      'a parameter became required but still declares a `default`',
      'clients that omit it, relying on the default, get 400; the default never applies (fix the spec)',
    ),
    'request-parameter-became-optional': row(NB, 'widening', 'a required parameter became optional', FINE),
    'request-parameter-serialization-changed': row(
      B,
      'either',
      '`style` or `explode` of a parameter changed (`a=1&a=2` ↔ `a=1,2`)',
      'clients build a query the server parses differently: values are misread or refused',
    ),
    'request-path-parameter-renamed': row(
      NB,
      'none',
      'a path parameter renamed at the same position of the template (`{messageId}` → `{id}`)',
      'the URL clients send is the same; typed clients passing path parameters by name (openapi-fetch `params.path`) rename the key',
    ),
    'parameter-deprecated': row(NB, 'none', 'a parameter marked `deprecated`', 'clients keep working; plan to stop sending it'),
    'parameter-undeprecated': row(NB, 'none', 'a parameter no longer `deprecated`', 'clients may keep sending it'),
  },
  'request body': {
    'request-required-body-added': row(B, 'narrowing', 'a new required request body', 'clients that send no body get 400'),
    'request-body-added': row(NB, 'widening', 'a new optional request body', FINE),
    'request-body-removed': row(B, 'narrowing', 'the request body is gone', 'clients that send a body have it ignored'),
    'request-body-became-required': row(B, 'narrowing', 'the request body became required', 'clients that send no body get 400'),
    'request-body-became-optional': row(NB, 'widening', 'the request body became optional', FINE),
    'request-media-type-removed': row(B, 'narrowing', 'a request media type is gone', 'clients that send this media type get 415'),
    'request-media-type-added': row(NB, 'widening', 'a new request media type', FINE),
    'request-media-type-range-changed': row(
      DIR,
      'either',
      'a request media type replaced by a narrower or wider range (`image/*` ↔ `image/png`)',
      'clients that send a type outside the new range get 415',
      'more types are accepted; ' + FINE,
    ),
    'request-body-kind-changed': row(
      B,
      'either',
      'the request body changed between JSON, text, a form and binary (`format: binary`, `contentMediaType`) or its `contentEncoding`',
      'clients send the body the old way and get 400 or 415; generated request types change',
    ),
    'request-part-content-type-changed': row(
      DIR,
      'either',
      'the content types a `multipart/form-data` part may be sent as changed (`encoding.contentType`, or the part’s `contentMediaType`)',
      'clients that upload the part as a type no longer listed get 400 or 415',
      'more types are accepted; ' + FINE,
    ),
    'request-part-serialization-changed': row(
      B,
      'either',
      '`style` or `explode` of a form part changed (`encoding`)',
      'clients serialise the part the old way: values are misread or refused',
    ),
  },
  'request schemas': {
    ...flowRows('request'),
    'request-property-removed': row(
      B,
      'narrowing',
      'a request property is gone',
      'clients that send it have it ignored or get 400; generated request types lose it',
    ),
    'request-required-property-added': row(B, 'narrowing', 'a new required request property', 'clients that do not send it get 400'),
    'request-property-added': row(NB, 'widening', 'a new optional request property', FINE),
    'request-property-became-required': row(
      B,
      'narrowing',
      'a request property became required (points at the `required` list)',
      'clients that omit it get 400',
    ),
    'request-property-became-optional': row(NB, 'widening', 'a request property became optional (points at the `required` list)', FINE),
    'request-property-became-read-only': row(
      B,
      'narrowing',
      'a request property became `readOnly`',
      'the server ignores what clients send in it; generated request types lose it',
    ),
    'request-property-no-longer-read-only': row(NB, 'widening', 'a request property is no longer `readOnly`', 'clients may now send it; ' + FINE),
    'request-default-changed': row(
      B,
      'either',
      'the `default` of a request value changed or was dropped',
      'clients that omit the value get different behaviour',
    ),
  },
  'response schemas': {
    ...flowRows('response'),
    'response-property-removed': row(
      B,
      'narrowing',
      'a required response property is gone',
      'clients reading it get undefined; generated types lose the field',
    ),
    'response-optional-property-removed': row(
      NB,
      'narrowing',
      'an optional response property is gone',
      'clients already handle its absence; generated types lose the optional field',
    ),
    'response-property-added': row(NB, 'widening', 'a new response property', FINE),
    'response-property-became-optional': row(
      B,
      'widening',
      'a response property is no longer always present (points at the `required` list)',
      'clients that read it unconditionally get undefined; generated types make it optional',
    ),
    'response-property-became-required': row(NB, 'narrowing', 'a response property is now always present (points at the `required` list)', FINE),
    'response-property-became-write-only': row(
      'varies',
      'narrowing',
      'a response property became `writeOnly` (breaking when it was required)',
      'the server no longer sends it: clients reading it get undefined; generated response types lose it',
      'clients already handle its absence',
    ),
    'response-property-no-longer-write-only': row(NB, 'widening', 'a response property is no longer `writeOnly`', 'clients now receive it; ' + FINE),
  },
  responses: {
    'response-success-status-removed': row(B, 'narrowing', 'a 2xx response is gone', 'clients that handle that status never see it; the typed `data` changes'),
    'response-success-status-added': row(
      B,
      'widening',
      'a new 2xx response (openapi-fetch merges 2xx bodies into one `data` type)',
      'the typed `data` widens; clients that handle the old statuses only meet a new one',
    ),
    'response-status-removed': row(NB, 'narrowing', 'an error response is gone', 'the server no longer fails that way; ' + FINE),
    'response-status-added': row(NB, 'widening', 'a new error response', 'clients handle unknown errors anyway'),
    'response-media-type-removed': row(B, 'narrowing', 'a response media type is gone', 'clients that ask for it get 406 or another type'),
    'response-media-type-added': row(NB, 'widening', 'a new response media type', FINE),
    'response-media-type-range-changed': row(
      DIR,
      'either',
      'a response media type replaced by a wider range (`image/png` → `image/*`, breaking) or a narrower one',
      'clients that handle only the old type (a PNG decoder) may get another one',
      'clients get a type within the range they handle; ' + FINE,
    ),
    'response-body-kind-changed': row(
      B,
      'either',
      'a response body changed between JSON, text and binary (`format: binary`, `contentMediaType`, `application/json` → `image/svg+xml`) or its `contentEncoding`',
      'clients read the body the old way (JSON-parse an image, or the reverse) and fail; generated types change',
    ),
    'response-schema-removed': row(B, 'widening', 'a response body lost its schema', 'generated types fall back to `unknown`'),
    'response-header-removed': row(B, 'narrowing', 'a documented response header is gone', 'clients reading it get nothing'),
    'response-header-added': row(NB, 'widening', 'a new response header', FINE),
    'response-header-became-optional': row(
      B,
      'widening',
      'a required response header is no longer always sent',
      'clients that read it unconditionally get nothing',
    ),
  },
  webhooks: {
    'webhook-removed': row(
      B,
      'narrowing',
      'a webhook (or one method of it) is gone: Talk no longer sends that request to bots',
      'bots waiting for it never receive it; its typed payload disappears from the SDK',
    ),
    'webhook-added': row(NB, 'widening', 'a new webhook', 'Talk sends bots a new kind of request; bots that ignore unknown payloads keep working'),
    'webhook-payload-removed': row(B, 'narrowing', 'the payload (request body) of a webhook is gone', 'bots that read the body get nothing'),
    'webhook-payload-added': row(NB, 'widening', 'a webhook now sends a payload', 'bots that do not read it keep working'),
    'webhook-payload-became-optional': row(
      B,
      'widening',
      'the payload of a webhook is no longer always sent',
      'bots that parse the body unconditionally fail on an empty one',
    ),
    'webhook-payload-became-required': row(NB, 'narrowing', 'the payload of a webhook is now always sent', 'bots keep working'),
    'webhook-payload-media-type-added': row(
      B,
      'widening',
      'Talk may send the webhook payload in a new media type',
      'bots that parse only the old media types fail on it',
    ),
    'webhook-payload-media-type-removed': row(NB, 'narrowing', 'Talk no longer sends the webhook payload in one media type', 'bots keep working'),
    'webhook-payload-kind-changed': row(
      B,
      'either',
      'a webhook payload changed between JSON, text, a form and binary, or its `contentEncoding`',
      'bots read the body the old way and fail',
    ),
    'webhook-header-removed': row(
      B,
      'narrowing',
      'a header Talk sent with a webhook is gone (e.g. `X-Nextcloud-Talk-Signature`)',
      'bots reading it get nothing; a bot verifying the signature refuses every request',
    ),
    'webhook-header-added': row(
      NB,
      'widening',
      'Talk sends a new header with a webhook (`required`: on every request), e.g. a new signature header',
      'bots that do not read it keep working; they may start verifying it',
    ),
    'webhook-header-became-optional': row(
      B,
      'widening',
      'a webhook header is no longer sent on every request',
      'bots that read it unconditionally (a signature check) get nothing and refuse the request',
    ),
    'webhook-header-became-required': row(NB, 'narrowing', 'a webhook header is now sent on every request', 'bots keep working'),
  },
  security: {
    'security-requirement-removed': row(
      B,
      'narrowing',
      'an accepted way to authenticate is gone (anonymous access, a scheme, a scope set; also security added to a document that had none)',
      'clients that authenticate that way (or not at all) get 401/403',
    ),
    'security-requirement-added': row(NB, 'widening', 'a new alternative way to authenticate', FINE),
    'security-scopes-added': row(B, 'narrowing', 'a security requirement needs more OAuth scopes', 'tokens with the old scopes get 403'),
    'security-scopes-reduced': row(NB, 'widening', 'a security requirement needs fewer OAuth scopes', 'tokens with the old scopes keep working'),
    'security-scheme-changed': row(B, 'either', 'a security scheme definition changed (type, scheme, flows)', 'clients that authenticate the old way get 401'),
  },
  'SDK surface': {
    'operation-id-changed': row(B, 'either', 'an operationId renamed', 'SDK users call a method that no longer exists (compile error)'),
    'operation-id-removed': row(B, 'narrowing', 'an operationId removed', 'SDK users call a method that no longer exists (compile error)'),
    'operation-id-added': row(NB, 'widening', 'an operationId added', FINE),
    'component-renamed': row(B, 'either', 'a schema component renamed (same content)', 'SDK users importing the type get a compile error'),
    'component-removed': row(B, 'narrowing', 'a schema component removed', 'SDK users importing the type get a compile error'),
    'component-added': row(D, 'widening', 'a new schema component (a new exported type; moving an inline schema into one changes no client)', 'a new SDK type'),
    'tag-removed': row(B, 'narrowing', 'a top-level tag removed', 'the facade group disappears from the SDK (compile error)'),
    'tag-added': row(NB, 'widening', 'a new top-level tag', FINE),
    'operation-tag-removed': row(B, 'narrowing', 'an operation left a tag', 'the facade method moves to another group (compile error)'),
    'operation-tag-added': row(NB, 'widening', 'an operation joined a tag', FINE),
    'property-deprecated': row(NB, 'none', 'a property marked `deprecated`', 'clients keep working; plan to stop using it'),
    'property-undeprecated': row(NB, 'none', 'a property no longer `deprecated`', 'clients may keep using it'),
  },
  documentation: {
    'description-changed': row(D, 'none', 'a description changed', 'none (documentation)'),
    'example-changed': row(D, 'none', 'an example changed', 'none (documentation)'),
    'summary-changed': row(D, 'none', 'an operation summary changed', 'none (documentation)'),
    'capability-changed': row(D, 'none', 'the `x-talk-capability` of an operation changed', 'clients that gate on capabilities check another one'),
  },
};

function flowRows(flow: 'request' | 'response'): Record<string, Row> {
  return Object.fromEntries(Object.entries(SCHEMA_RULES).map(([stem, rows]) => [`${flow}-${stem}`, rows[flow]]));
}

/**
 * Every rule of the diff, keyed by id.
 *
 * @example
 * ```ts
 * RULES.get('operation-removed')?.severity; // 'breaking'
 * ```
 */
export const RULES: ReadonlyMap<string, RuleEntry> = new Map(
  RULE_FAMILIES.flatMap((family) => Object.entries(TABLE[family]).map(([id, r]) => [id, { id, family, ...r }] as const)),
);

/**
 * The catalog entry of a rule id; throws for an id the catalog does not know (a rule that forgot its entry).
 *
 * @example
 * ```ts
 * ruleEntry('path-removed').effect; // 'clients calling it get 404'
 * ```
 */
export function ruleEntry(id: string): RuleEntry {
  const entry = RULES.get(id);
  if (!entry) throw new Error(`rule id \`${id}\` is not in the rule catalog (generator/src/diff/rules.ts)`);
  return entry;
}

/**
 * The severity of a finding of rule `id`: the catalog's fixed severity, or `given` for directional rules
 * (which must pass one). A fixed-severity rule that passes a different one is a bug and throws.
 *
 * @example
 * ```ts
 * ruleSeverity('operation-removed'); // 'breaking'
 * ruleSeverity('request-type-changed', 'non-breaking'); // 'non-breaking'
 * ```
 */
export function ruleSeverity(id: string, given?: Severity): Severity {
  const entry = ruleEntry(id);
  if (entry.severity === 'by direction' || entry.severity === 'varies') {
    if (!given) throw new Error(`rule \`${id}\` has a severity by direction: the rule must pass one`);
    return given;
  }
  if (given && given !== entry.severity) throw new Error(`rule \`${id}\` is ${entry.severity} in the catalog, not ${given}`);
  return entry.severity;
}

/**
 * What a change means for a client, from the catalog.
 *
 * @example
 * ```ts
 * clientEffect('request-required-parameter-added', 'breaking'); // 'clients that do not send it get 400'
 * ```
 */
export function clientEffect(id: string, severity: Severity): string {
  const entry = ruleEntry(id);
  return severity !== 'breaking' && entry.compatibleEffect ? entry.compatibleEffect : entry.effect;
}

/**
 * The README rule table (Markdown), generated from the catalog: `npm run rules-table --workspace generator`
 * writes it between the markers of generator/README.md; a test fails when the README is out of date.
 *
 * @example
 * ```ts
 * renderRuleTable().split('\n')[0]; // '| id | family | direction | severity | detects | effect on clients |'
 * ```
 */
export function renderRuleTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| id | family | direction | severity | detects | effect on clients |', '|---|---|---|---|---|---|'];
  for (const r of RULES.values()) {
    const effect = r.compatibleEffect ? `${r.effect} (compatible direction: ${r.compatibleEffect})` : r.effect;
    lines.push(`| \`${r.id}\` | ${r.family} | ${r.direction} | ${r.severity} | ${cell(r.description)} | ${cell(effect)} |`);
  }
  return lines.join('\n');
}
