// Makes the release annotations of the contract visible on the reference pages: Redocly does not render `x-`
// keys, so every operation, parameter, response, header, schema property and union branch that carries
// `x-talk-since` / `x-talk-until` gets a "Talk releases" line in its description, and every node with
// `x-talk-differs-from-docs` a "Differs from the Talk docs" note. Works on a copy of a slice.

const DESCRIBED = new Set(['description']);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The human wording of a release range.
 *
 * @example
 * releaseRange({ 'x-talk-since': '20' }, ['19', '20', '21']); // 'Talk 20 and later'
 * releaseRange({ 'x-talk-until': '21' }, ['19', '20', '21']); // 'Talk 19 and 20 (not Talk 21)'
 */
export function releaseRange(node, releases) {
  const since = node['x-talk-since'];
  const until = node['x-talk-until'];
  const from = since === undefined ? 0 : releases.indexOf(since);
  const to = until === undefined ? releases.length : releases.indexOf(until);
  const list = releases.slice(from, to);
  if (until === undefined) return `Talk ${list[0]} and later`;
  const named = list.length === 1 ? `Talk ${list[0]}` : `Talk ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  return `${named} (not Talk ${until}${to < releases.length - 1 ? ' and later' : ''})`;
}

/**
 * Copy of `doc` with release lines and "differs from the docs" notes in the descriptions.
 *
 * @example
 * const page = withReleaseNotes(slices.v4, ['19', '20', '21']);
 */
export function withReleaseNotes(doc, releases) {
  const copy = structuredClone(doc);
  const visit = (node, key) => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item));
    if (!isObject(node)) return;
    if (key === 'example' || key === 'value' || key === 'enum' || key === 'default') return;
    const lines = [];
    if (node['x-talk-since'] !== undefined || node['x-talk-until'] !== undefined) lines.push(`**Talk releases:** ${releaseRange(node, releases)}.`);
    if (typeof node['x-talk-differs-from-docs'] === 'string') lines.push(`> **Differs from the Talk docs:** ${node['x-talk-differs-from-docs']}`);
    if (lines.length > 0 && typeof node.$ref !== 'string') {
      const description = typeof node.description === 'string' ? node.description : '';
      node.description = [...lines, description].filter(Boolean).join('\n\n');
    }
    for (const [k, v] of Object.entries(node)) if (!k.startsWith('x-') && !DESCRIBED.has(k)) visit(v, k);
  };
  visit(copy);
  return copy;
}
