// The landing page: what the Talk API is, how to authenticate, the OCS envelope, which API version each
// Nextcloud release speaks, the capabilities the contract refers to, and links to every version.
import { siteCss, siteNav } from './site-style.mjs';

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Which Nextcloud releases speak which API version (conversation.md, header list). */
export const versionReleases = {
  v1: 'until Nextcloud 21',
  v2: 'Nextcloud 19 – 21',
  v3: 'Nextcloud 21 only',
  v4: 'since Nextcloud 22',
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every `x-talk-capability` of the full contract with the places that need it. */
export function collectCapabilities(full) {
  const uses = new Map();
  const add = (name, where) => {
    if (!uses.has(name)) uses.set(name, new Set());
    uses.get(name).add(where);
  };
  const visit = (node, where) => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, where));
    if (!node || typeof node !== 'object') return;
    const cap = node['x-talk-capability'];
    for (const name of typeof cap === 'string' ? [cap] : Array.isArray(cap) ? cap : []) add(name, where);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') {
        for (const [prop, schema] of Object.entries(value)) visit(schema, `${where}.${prop}`);
      } else visit(value, where);
    }
  };
  for (const [path, item] of Object.entries(full.paths ?? {})) {
    for (const method of METHODS) if (item[method]) visit(item[method], `${item[method].operationId ?? method.toUpperCase() + ' ' + path}`);
  }
  for (const [name, schema] of Object.entries(full.components?.schemas ?? {})) visit(schema, name);
  return [...uses.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, where]) => ({ name, where: [...where].sort() }));
}

/** Count operations per API version slice. */
export function countOperations(slice) {
  let count = 0;
  for (const item of Object.values(slice.paths ?? {})) for (const m of METHODS) if (item[m]) count++;
  return count;
}

/**
 * Render the landing page.
 * @param {{ full: object, slices: Record<string, object>, versions: string[], changePages: string[] }} input
 */
export function renderLandingPage({ full, slices, versions, changePages }) {
  const capabilities = collectCapabilities(full);
  const capabilityRows = capabilities
    .map(
      ({ name, where }) =>
        `<tr><td><code>${escapeHtml(name)}</code></td><td>${where
          .slice(0, 8)
          .map((w) => `<code>${escapeHtml(w)}</code>`)
          .join(', ')}${where.length > 8 ? ` and ${where.length - 8} more` : ''}</td></tr>`,
    )
    .join('\n');
  const versionItems = versions
    .map((v) => `<li><a href="${v}.html"><strong>API ${v}</strong></a><br>${versionReleases[v] ?? ''}<br>${countOperations(slices[v])} operations</li>`)
    .join('\n');
  const changeItems = changePages.map((p) => `<li><a href="${p}.html">What changed from ${p.split('-')[1]} to ${p.split('-')[2]}</a></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nextcloud Talk API</title>
<link rel="icon" href="data:,">
<style>${siteCss}</style>
</head>
<body>
${siteNav({ current: 'index.html', versions, changePages })}
<main class="landing">
<h1>Nextcloud Talk API</h1>
<p>${escapeHtml(full.info?.summary ?? '')} This site is generated from the
<code>@talk-contract/spec</code> OpenAPI contract (Talk ${escapeHtml(full.info?.version ?? '')}); it works offline.</p>

<h2>API versions</h2>
<ul class="versions">
${versionItems}
</ul>
<p>The chat API and the guest display-name endpoint stay on <code>/ocs/v2.php/apps/spreed/api/v1</code> on every
server; the conversation and participant API live under <code>/ocs/v2.php/apps/spreed/api/{version}</code>.
A Nextcloud 21 server speaks v1, v2 and v3 side by side. Ask the server which versions it speaks through the
capabilities (<code>spreed.features</code> and the <code>spreed.config</code> section of
<code>/ocs/v2.php/cloud/capabilities</code>).</p>
<table>
<thead><tr><th>API version</th><th>Nextcloud releases</th><th>Base path</th></tr></thead>
<tbody>
${versions.map((v) => `<tr><td>${v}</td><td>${versionReleases[v] ?? ''}</td><td><code>/ocs/v2.php/apps/spreed/api/${v}</code></td></tr>`).join('\n')}
</tbody>
</table>
${changeItems ? `<h3>What changed between versions</h3>\n<ul>\n${changeItems}\n</ul>` : ''}

<h2>Authentication</h2>
<p>Use HTTP basic authentication with the user name and an <strong>app password</strong> (Nextcloud settings →
Security → Devices &amp; sessions → "Create new app password"). Never use the login password in an integration.
Guests call the operations that allow it (for example joining a public conversation) without credentials.</p>
<p>Every request must carry the header <code>OCS-APIRequest: true</code>; Nextcloud rejects OCS requests
without it (CSRF protection, answer 412). Ask for JSON with <code>Accept: application/json</code>.</p>
<pre>curl -u alice:app-password -H 'OCS-APIRequest: true' -H 'Accept: application/json' \\
  https://cloud.example.com/ocs/v2.php/apps/spreed/api/v4/room</pre>

<h2>The OCS envelope</h2>
<p>Every answer is wrapped in the OCS envelope. <code>meta.status</code> is <code>ok</code> or
<code>failure</code>, <code>meta.statuscode</code> mirrors the HTTP status, and <code>data</code> holds the
payload documented for each operation (an empty array when there is none).</p>
<pre>{
  "ocs": {
    "meta": { "status": "ok", "statuscode": 200, "message": "OK" },
    "data": { "token": "abc123xy", "displayName": "Team" }
  }
}</pre>

<h2>Capabilities</h2>
<p>Many fields and operations are only available when the server announces a capability in
<code>spreed.features</code>. The reference pages mark them with <code>x-talk-capability</code>; these are all
the capabilities the contract refers to:</p>
<table>
<thead><tr><th>capability</th><th>needed by</th></tr></thead>
<tbody>
${capabilityRows}
</tbody>
</table>
</main>
</body>
</html>
`;
}
