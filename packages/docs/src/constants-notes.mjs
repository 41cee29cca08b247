// Makes the meanings of enum values and bit-field flags visible on the reference pages: Redocly renders `enum`
// values but not `x-enum-varnames` / `x-enum-descriptions` / `x-talk-flags`, so every such schema gets a table
// (value, constant of `@talk-contract/client`, meaning) appended to its description. References to the Talk
// docs' `constants.md` become links to the site's constants page (`constants.html`, rendered here too).
// Works on a copy of a slice.
import { marked } from 'marked';
import { enumModels } from '../../../generator/src/emit/enums/index.js';
import { siteCss, siteNav } from './site-style.mjs';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const COMPONENT = '#/components/schemas/';
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n+/g, ' ');
const literal = (value) => (typeof value === 'string' ? `'${value}'` : String(value));

/**
 * The Markdown table of an enum or bit field: value, constant in `@talk-contract/client`, meaning.
 *
 * @example
 * enumTable({ name: 'ConversationType', kind: 'enum', members: [{ name: 'Group', value: 2, description: 'Group' }] });
 * // '**Values** …\n\n| Value | Constant | Meaning |\n|---|---|---|\n| `2` | `ConversationType.Group` | Group |'
 */
export function enumTable(model) {
  const intro =
    model.kind === 'flags'
      ? `**Flags** (a bit field: add the values that apply; \`${model.name}\` in \`@talk-contract/client\`):`
      : `**Values** (\`${model.name}\` in \`@talk-contract/client\`):`;
  const rows = model.members.map((m) => `| \`${literal(m.value)}\` | \`${model.name}.${m.name}\` | ${cell(m.description && linkConstants(m.description))} |`);
  return [intro, '', '| Value | Constant | Meaning |', '|---|---|---|', ...rows].join('\n');
}

/** The enums a node refers to (`$ref`, `items`, `allOf`/`oneOf`/`anyOf` branches), from `byPointer`. */
function referencedEnums(node, byPointer) {
  const refs = [node.$ref, node.items?.$ref, ...['allOf', 'oneOf', 'anyOf'].flatMap((k) => (Array.isArray(node[k]) ? node[k].map((b) => b?.$ref) : []))];
  return refs.map((r) => (typeof r === 'string' ? byPointer.get(r) : undefined)).filter(Boolean);
}

/**
 * Rewrites the Talk docs' `constants.md` references of a description to links to the constants page.
 * `target` is the constant the reference is about (its section on the page), if known.
 *
 * @example
 * linkConstants('Type (see constants.md#conversation-types).', 'ConversationType');
 * // 'Type (see [ConversationType](constants.html#ConversationType)).'
 */
export function linkConstants(text, target) {
  const href = `constants.html${target ? `#${target}` : ''}`;
  const label = target ?? 'the constants';
  return text
    .replace(/\b([Ss])ee constants\.md(?:#[\w-]+)?/g, (_m, s) => `${s}ee [${label}](${href})`)
    .replace(/\bfrom constants\.md(?:#[\w-]+)?/g, `from [${label}](${href})`)
    .replace(/\bconstants\.md(?:#[\w-]+)?/g, "the Talk docs' constants");
}

/**
 * Copy of `doc` with a value/flag table in the description of every enum and bit field (also where a property
 * refers to one and has its own description), and every `constants.md` reference turned into a link to the
 * constants page.
 *
 * @example
 * const page = withConstantNotes(slices.v4);
 */
export function withConstantNotes(doc) {
  const copy = structuredClone(doc);
  const byPointer = new Map(enumModels(doc).map((m) => [m.pointer, m]));
  const visit = (node, key, pointer) => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item));
    if (!isObject(node)) return;
    if (key === 'example' || key === 'examples' || key === 'value' || key === 'enum' || key === 'default') return;
    const own = pointer ? byPointer.get(pointer) : undefined;
    const referenced = own ? [] : referencedEnums(node, byPointer);
    if (typeof node.description === 'string') {
      // The table below replaces the Talk docs' pointer; elsewhere the pointer becomes a link.
      const text = own ? node.description.replace(/\s*See constants\.md(?:#[\w-]+)?\.?/g, '') : node.description;
      node.description = linkConstants(text, own?.name ?? (referenced.length === 1 ? referenced[0].name : undefined)).trim();
    }
    const tables = own ? [own] : typeof node.description === 'string' ? referenced : [];
    if (tables.length > 0) node.description = [node.description, ...tables.map(enumTable)].filter(Boolean).join('\n\n');
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-') || k === 'description') continue;
      if (k === 'properties' && isObject(v)) for (const [name, p] of Object.entries(v)) visit(p, undefined, pointer && `${pointer}/properties/${name}`);
      else visit(v, k);
    }
  };
  const { components, ...rest } = copy;
  for (const [name, schema] of Object.entries(isObject(components?.schemas) ? components.schemas : {})) visit(schema, undefined, `${COMPONENT}${name}`);
  if (isObject(components)) for (const [k, v] of Object.entries(components)) if (k !== 'schemas') visit(v);
  visit(rest);
  return copy;
}

/**
 * The constants page: every enum and bit field of `slice` (API v4) with its values, constant names and meanings.
 *
 * @example
 * const html = renderConstantsPage({ slice: slices.v4, nav: siteNav({ current: 'constants.html', versions, changePages }) });
 */
export function renderConstantsPage({ slice, versions, changePages }) {
  const models = enumModels(slice);
  const sections = models.map((m) => {
    const rows = m.members
      .map(
        (x) =>
          `<tr><td><code>${escapeHtml(literal(x.value))}</code></td><td><code>${escapeHtml(`${m.name}.${x.name}`)}</code></td><td>${x.description ? marked.parseInline(linkConstants(x.description)) : ''}</td></tr>`,
      )
      .join('');
    const where = m.pointer.replace(COMPONENT, '').replace('/properties/', '.');
    return [
      `<section id="${escapeHtml(m.name)}">`,
      `<h2>${escapeHtml(m.name)}</h2>`,
      m.description ? `<p>${marked.parseInline(linkConstants(m.description))}</p>` : '',
      `<p class="where">${m.kind === 'flags' ? 'Bit field' : 'Enum'} <code>${escapeHtml(where)}</code>; in TypeScript: <code>import { ${escapeHtml(m.name)} } from '@talk-contract/client'</code>${m.kind === 'flags' ? ' (combine with <code>|</code>, test with <code>&amp;</code>)' : ''}.</p>`,
      `<table><thead><tr><th>Value</th><th>Constant</th><th>Meaning</th></tr></thead><tbody>${rows}</tbody></table>`,
      '</section>',
    ].join('\n');
  });
  const toc = models.map((m) => `<li><a href="#${escapeHtml(m.name)}">${escapeHtml(m.name)}</a></li>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Constants — Nextcloud Talk API</title><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><style>${siteCss}
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; font-family: system-ui, sans-serif; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.where { color: #555; } ul.toc { columns: 3; }</style></head>
<body>
${siteNav({ current: 'constants.html', versions, changePages })}
<main>
<h1>Constants</h1>
<p>Every enum and bit field of the Talk API (v4), with the constant of <code>@talk-contract/client</code> and what each value means.</p>
<ul class="toc">${toc}</ul>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
