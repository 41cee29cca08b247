// The house lint rules of talk-contract, as a Redocly plugin (configured in ../../redocly.yaml).
//
// Loaded by `redocly lint` (CLI 2.x) and in-process by `talk-contract bundle` (@redocly/openapi-core 1.x): both
// import this ES module and call its default export. Every message ends with "Fix: ..." saying what to change.
//
// Rules (ids are prefixed with the plugin id, `talk/`):
//   operation-tags          every operation has at least one tag
//   success-example         every 2xx application/json response has an `example` (or `examples`)
//   version-annotations     `x-talk-added` ∈ v1..v4, `x-talk-removed` ∈ v2..v4 and later than added, the same inside
//                           `x-talk-enum-versions`; a node may not exist in a version its enclosing node does not
//   release-annotations     `x-talk-since` names a Talk release (19, 20, 21), `x-talk-until` a later one (the first
//                           release without the node); `since`/`until` inside `x-talk-enum-versions` likewise
//   capability-annotation   `x-talk-capability` is a non-empty string or a non-empty list of non-empty strings
//   base-path-placement     `x-talk-base-path` only on path items, as an absolute path such as /ocs/v2.php/apps/spreed/api/v1

/** The API versions (generator/src/load/api-versions.ts is the source; a generator test checks they agree). */
export const VERSIONS = ['v1', 'v2', 'v3', 'v4'];
const ADDED = 'x-talk-added';
const REMOVED = 'x-talk-removed';
const ENUM_VERSIONS = 'x-talk-enum-versions';
/** The Talk releases (generator/src/load/talk-releases.ts is the source; a generator test checks they agree). */
export const RELEASES = ['19', '20', '21'];
const SINCE = 'x-talk-since';
const UNTIL = 'x-talk-until';
const CAPABILITY = 'x-talk-capability';
const BASE_PATH = 'x-talk-base-path';

const DATA_KEYS = ['example', 'value', 'default', 'enum', 'const'];

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const show = (value) => JSON.stringify(value);

/**
 * Walk the source tree from the root document, following `$ref`s into other files once each.
 * `visit(node, location, scope)` is called for every object; `scope` is what the enclosing structure
 * (not crossing a `$ref`) passes down: `{ range, rangeAt, isPathItem }`.
 */
function walkSource(root, ctx, visit) {
  const seen = new Set();
  const walk = (node, location, scope, inPropertyMap) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, location.child(index), { ...scope, isPathItem: false }, false));
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string') {
      // Annotations next to a `$ref` belong to the referring node (e.g. a property that is a `$ref`).
      visit(node, location, scope);
      const resolved = ctx.resolve(node, location.source.absoluteRef);
      if (!resolved.location || seen.has(resolved.location.absolutePointer)) return;
      seen.add(resolved.location.absolutePointer);
      // A `$ref` target is a node of its own: its versions are not narrowed by whoever refers to it.
      walk(resolved.node, resolved.location, { range: FULL_RANGE, rangeAt: undefined, isPathItem: scope.isPathItem }, false);
      return;
    }
    const childScope = visit(node, location, scope) ?? scope;
    for (const [key, value] of Object.entries(node)) {
      // Skip data (examples, defaults, enum values): only spec nodes carry annotations. A map of Example
      // objects is walked (an example may be version-specific), their `value` is not.
      if (!inPropertyMap && (key.startsWith('x-') || DATA_KEYS.includes(key) || (key === 'examples' && Array.isArray(value)))) continue;
      const isPathItem = location.pointer === '#/' && location.source === ctx.location.source && key === 'paths';
      if (isPathItem && isObject(value)) {
        for (const [path, item] of Object.entries(value)) {
          walk(item, location.child(['paths', path]), { ...childScope, isPathItem: true }, false);
        }
        continue;
      }
      walk(value, location.child(key), { ...childScope, isPathItem: false }, !inPropertyMap && (key === 'properties' || key === 'patternProperties'));
    }
  };
  walk(root, ctx.location, { range: FULL_RANGE, rangeAt: undefined, isPathItem: false }, false);
}

/** [first index that has it, first index that no longer has it] over VERSIONS. */
const FULL_RANGE = [0, VERSIONS.length];

/** Check `added`/`removed` of one annotated object; returns its range (undefined when invalid). */
function checkRange(holder, location, report, what) {
  const added = holder[ADDED];
  const removed = holder[REMOVED];
  let ok = true;
  if (added !== undefined && !VERSIONS.includes(added)) {
    report({
      message: `${what}\`${ADDED}: ${show(added)}\` is not an API version. Fix: use one of ${VERSIONS.join(', ')} (the first API version that has it), or drop it if it has always been there (v1).`,
      location: location.child(ADDED),
    });
    ok = false;
  }
  if (removed !== undefined && !VERSIONS.slice(1).includes(removed)) {
    report({
      message: `${what}\`${REMOVED}: ${show(removed)}\` is not a removal version. Fix: use one of ${VERSIONS.slice(1).join(', ')} (the first API version that no longer has it), or drop it if it still exists in v4.`,
      location: location.child(REMOVED),
    });
    ok = false;
  }
  if (!ok) return undefined;
  const from = added === undefined ? 0 : VERSIONS.indexOf(added);
  const to = removed === undefined ? VERSIONS.length : VERSIONS.indexOf(removed);
  if (to <= from) {
    report({
      message: `${what}\`${REMOVED}: ${removed}\` is not later than \`${ADDED}: ${added ?? 'v1'}\`, so it exists in no API version. Fix: \`${REMOVED}\` names the first version that no longer has it and must be later than \`${ADDED}\`; check the docs' Added/Removed columns.`,
      location: location.child(REMOVED),
    });
    return undefined;
  }
  return [from, to];
}

/** `[1, 3]` → `v2..v3`, `[3, 4]` → `v4 only`, `[0, 4]` → `v1..v4`. */
function describeRange([from, to]) {
  return to - from === 1 ? `${VERSIONS[from]} only` : `${VERSIONS[from]}..${VERSIONS[to - 1]}`;
}

/** Report an explicit range that reaches outside its enclosing node's range. */
function checkWithin(holder, location, own, scope, report, what) {
  const [from, to] = scope.range;
  const where = scope.rangeAt === '#/' ? ' (the top of this file)' : scope.rangeAt ? ` (at ${scope.rangeAt})` : '';
  const parent = describeRange(scope.range);
  if (holder[ADDED] !== undefined && own[0] < from) {
    report({
      message: `${what}\`${ADDED}: ${holder[ADDED]}\` is earlier than the enclosing node${where}, which exists in ${parent}; it cannot exist before its parent. Fix: drop the annotation or set it to ${VERSIONS[from]} or later.`,
      location: location.child(ADDED),
    });
  }
  if (holder[REMOVED] !== undefined && own[1] > to) {
    report({
      message: `${what}\`${REMOVED}: ${holder[REMOVED]}\` is later than the removal of the enclosing node${where} (${VERSIONS[to] ?? 'never'}); it cannot outlive its parent. Fix: drop the annotation or set it to ${VERSIONS[to]} or earlier.`,
      location: location.child(REMOVED),
    });
  }
  if (own[0] >= to || own[1] <= from) {
    report({
      message: `${what}exists in no API version its enclosing node${where} exists in (${parent}). Fix: correct \`${ADDED}\`/\`${REMOVED}\` of this node or of its parent.`,
      location: location.child(holder[ADDED] !== undefined ? ADDED : REMOVED),
    });
  }
}

function VersionAnnotations() {
  return {
    Root(root, ctx) {
      walkSource(root, ctx, (node, location, scope) => {
        if (node[ADDED] === undefined && node[REMOVED] === undefined && node[ENUM_VERSIONS] === undefined) return undefined;
        let range = scope.range;
        let rangeAt = scope.rangeAt;
        if (node[ADDED] !== undefined || node[REMOVED] !== undefined) {
          const own = checkRange(node, location, ctx.report, '');
          if (own) {
            checkWithin(node, location, own, scope, ctx.report, '');
            range = [Math.max(own[0], scope.range[0]), Math.min(own[1], scope.range[1])];
            rangeAt = location.pointer;
          }
        }
        const enumVersions = node[ENUM_VERSIONS];
        if (enumVersions !== undefined) checkEnumVersions(node, enumVersions, location.child(ENUM_VERSIONS), { range, rangeAt }, ctx.report);
        return { ...scope, range, rangeAt };
      });
    },
  };
}

function checkEnumVersions(node, enumVersions, location, scope, report) {
  if (!isObject(enumVersions)) {
    report({
      message: `\`${ENUM_VERSIONS}\` must be a map from enum value to \`{added, removed}\`. Fix: write e.g. \`${ENUM_VERSIONS}: { '6': { added: v3 } }\`.`,
      location,
    });
    return;
  }
  if (!Array.isArray(node.enum)) {
    report({
      message: `\`${ENUM_VERSIONS}\` is on a schema without \`enum\`. Fix: move it next to the \`enum\` list it describes.`,
      location,
    });
    return;
  }
  const values = node.enum.map(String);
  for (const [value, range] of Object.entries(enumVersions)) {
    const at = location.child(value);
    const what = `Enum value ${show(value)}: `;
    if (!values.includes(value)) {
      report({
        message: `${what}not in this schema's \`enum\` (${values.join(', ')}). Fix: add it to \`enum\` or remove it from \`${ENUM_VERSIONS}\`.`,
        location: at.key(),
      });
      continue;
    }
    if (!isObject(range) || Object.keys(range).some((key) => !['added', 'removed', 'since', 'until'].includes(key)) || Object.keys(range).length === 0) {
      report({
        message: `${what}the version range must be an object with \`added\`, \`removed\` (API versions), \`since\`, \`until\` (Talk releases). Fix: write e.g. \`{ added: v2 }\`, \`{ removed: v4 }\` or \`{ since: '21' }\`.`,
        location: at,
      });
      continue;
    }
    if (range.since !== undefined || range.until !== undefined)
      checkReleases({ [SINCE]: range.since, [UNTIL]: range.until }, { child: (key) => at.child(key === SINCE ? 'since' : 'until') }, report, what);
    if (range.added === undefined && range.removed === undefined) continue;
    const holder = { [ADDED]: range.added, [REMOVED]: range.removed };
    const own = checkRange(holder, { child: (key) => at.child(key === ADDED ? 'added' : 'removed') }, report, what);
    if (own) checkWithin(holder, { child: (key) => at.child(key === ADDED ? 'added' : 'removed') }, own, scope, report, what);
  }
}

/** Check `x-talk-since`/`x-talk-until` of one annotated object. */
function checkReleases(holder, location, report, what) {
  const since = holder[SINCE];
  const until = holder[UNTIL];
  if (since !== undefined && !RELEASES.includes(since)) {
    report({
      message: `${what}\`${SINCE}: ${show(since)}\` is not a Talk release. Fix: use one of ${RELEASES.map(show).join(', ')} as a string (the first release that has it), or drop it if every release has it.`,
      location: location.child(SINCE),
    });
  }
  if (until !== undefined && (!RELEASES.includes(until) || until === RELEASES[0])) {
    report({
      message: `${what}\`${UNTIL}: ${show(until)}\` is not a later Talk release. Fix: use one of ${RELEASES.slice(1).map(show).join(', ')} as a string (the first release that no longer has it).`,
      location: location.child(UNTIL),
    });
  }
  if (RELEASES.includes(since) && RELEASES.includes(until) && RELEASES.indexOf(until) <= RELEASES.indexOf(since)) {
    report({
      message: `${what}\`${UNTIL}: ${show(until)}\` is not later than \`${SINCE}: ${show(since)}\`, so it exists in no release. Fix: \`${UNTIL}\` names the first release without it.`,
      location: location.child(UNTIL),
    });
  }
}

function ReleaseAnnotations() {
  return {
    Root(root, ctx) {
      walkSource(root, ctx, (node, location) => {
        if (node[SINCE] !== undefined || node[UNTIL] !== undefined) checkReleases(node, location, ctx.report, '');
        return undefined;
      });
    },
  };
}

function CapabilityAnnotation() {
  return {
    Root(root, ctx) {
      walkSource(root, ctx, (node, location) => {
        if (!(CAPABILITY in node)) return undefined;
        const value = node[CAPABILITY];
        const valid =
          (typeof value === 'string' && value.trim() !== '') ||
          (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item.trim() !== ''));
        if (!valid) {
          ctx.report({
            message: `\`${CAPABILITY}: ${show(value)}\` is not a capability name. Fix: write the name from capabilities.md (e.g. \`${CAPABILITY}: favorites\`) or a list of names (\`[federation-v1, chat-reference-id]\`).`,
            location: location.child(CAPABILITY),
          });
        }
        return undefined;
      });
    },
  };
}

function BasePathPlacement() {
  return {
    Root(root, ctx) {
      walkSource(root, ctx, (node, location, scope) => {
        if (!(BASE_PATH in node)) return undefined;
        const value = node[BASE_PATH];
        if (!scope.isPathItem) {
          ctx.report({
            message: `\`${BASE_PATH}\` is only allowed on a path item (a file in openapi/paths/). Fix: move it to the top level of the path item file, where it applies to all operations of the path.`,
            location: location.child(BASE_PATH),
          });
        } else if (typeof value !== 'string' || !/^\/\S*[^/]$/.test(value)) {
          ctx.report({
            message: `\`${BASE_PATH}: ${show(value)}\` is not an absolute base path. Fix: write it like \`/ocs/v2.php/apps/spreed/api/v1\` (leading slash, no trailing slash).`,
            location: location.child(BASE_PATH),
          });
        }
        return undefined;
      });
    },
  };
}

function OperationTags() {
  return {
    Operation(operation, ctx) {
      if (!Array.isArray(operation.tags) || operation.tags.length === 0) {
        ctx.report({
          message: 'Operation has no tag. Fix: add `tags: [conversation]`, `[chat]` or `[participant]` (the area of the docs it is described in).',
          location: ctx.location.child('tags').key(),
        });
      }
    },
  };
}

function SuccessExample() {
  return {
    Operation(operation, ctx) {
      const responses = ctx.resolve(operation.responses).node;
      if (!isObject(responses)) return;
      for (const [status, raw] of Object.entries(responses)) {
        if (!/^2(\d\d|XX)$/.test(status)) continue;
        const response = ctx.resolve(raw).node;
        const media = isObject(response) && isObject(response.content) ? ctx.resolve(response.content['application/json']).node : undefined;
        if (!isObject(media)) continue;
        const hasExamples = isObject(media.examples) && Object.keys(media.examples).length > 0;
        if (media.example === undefined && !hasExamples) {
          ctx.report({
            message: `The ${status} application/json response of ${show(operation.operationId ?? 'this operation')} has no example. Fix: add a realistic \`example:\` (the whole OCS envelope) next to \`schema:\`; the mock serves it and the tests validate it against the schema in every API version.`,
            location: ctx.location.child(['responses', status]).key(),
          });
        }
      }
    },
  };
}

/**
 * The Redocly plugin: `plugins: [./openapi/plugins/talk-rules.js]` in redocly.yaml, rules `talk/<rule>`.
 *
 * @example
 * // redocly.yaml
 * // plugins: [./openapi/plugins/talk-rules.js]
 * // rules: { talk/version-annotations: error }
 */
export default function talkRules() {
  return {
    id: 'talk',
    rules: {
      oas3: {
        'operation-tags': OperationTags,
        'success-example': SuccessExample,
        'version-annotations': VersionAnnotations,
        'release-annotations': ReleaseAnnotations,
        'capability-annotation': CapabilityAnnotation,
        'base-path-placement': BasePathPlacement,
      },
    },
  };
}
