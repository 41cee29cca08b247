// The one look of every page: a top navigation bar and its stylesheet, shared by the landing page and the
// Redocly reference pages (through template.hbs).

/** CSS of the navigation bar and the landing page. */
export const siteCss = `
  :root { --talk-blue: #0082c9; --talk-ink: #1f2933; --nav-height: 48px; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--talk-ink); }
  .site-nav { position: sticky; top: 0; z-index: 1000; height: var(--nav-height); display: flex; align-items: center;
    gap: 1.25rem; padding: 0 1.25rem; background: var(--talk-blue); color: #fff; font-size: 15px; }
  .site-nav a { color: #fff; text-decoration: none; opacity: .9; }
  .site-nav a:hover, .site-nav a[aria-current="page"] { opacity: 1; text-decoration: underline; }
  .site-nav .brand { font-weight: 700; margin-right: .75rem; opacity: 1; }
  main.landing { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; line-height: 1.55; }
  main.landing code, main.landing pre { background: #f3f5f7; border-radius: 4px; }
  main.landing code { padding: .1em .3em; }
  main.landing pre { padding: .75rem 1rem; overflow-x: auto; }
  main.landing table { border-collapse: collapse; margin: 1rem 0; }
  main.landing th, main.landing td { border: 1px solid #d5dbe1; padding: .35rem .6rem; text-align: left; vertical-align: top; }
  .versions { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .75rem; padding: 0; list-style: none; }
  .versions li { border: 1px solid #d5dbe1; border-radius: 6px; padding: .75rem; }
`;

/**
 * The navigation bar: the same links on every page, the current one marked.
 * @param {{ current: string, versions: string[], changePages: string[] }} options
 */
export function siteNav({ current, versions, changePages }) {
  const link = (href, label) => `<a href="${href}"${href === current ? ' aria-current="page"' : ''}>${label}</a>`;
  return [
    '<nav class="site-nav" aria-label="Site">',
    `<a class="brand" href="index.html">Talk API</a>`,
    ...versions.map((v) => link(`${v}.html`, `API ${v}`)),
    ...changePages.map((p) => link(`${p}.html`, p.replace('changes-', 'Changes ').replace('-', '→'))),
    link('constants.html', 'Constants'),
    '</nav>',
  ].join('');
}
