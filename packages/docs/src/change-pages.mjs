// "What changed" pages per API version step (v1→v2, v2→v3, v3→v4), rendered by the same contract diff engine
// that checks pull requests (generator/src/diff), from Markdown to HTML with marked.
import { marked } from 'marked';
import { renderVersionStepMarkdown } from '../../../generator/src/diff/index.js';

/**
 * One page per consecutive pair of versions.
 * @param {{ slices: Record<string, object>, versions: string[] }} input
 * @returns {Promise<Array<{ name: string, render(nav: (current: string) => string, css: string): string }>>}
 */
export async function renderChangePages({ slices, versions }) {
  const pages = [];
  for (let i = 1; i < versions.length; i++) {
    const from = versions[i - 1];
    const to = versions[i];
    const name = `changes-${from}-${to}`;
    const markdown = renderVersionStepMarkdown(slices[from], slices[to], from, to);
    const body = await marked.parse(markdown);
    pages.push({
      name,
      render: (nav, css) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>What changed from Talk API ${from} to ${to}</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body>
${nav(`${name}.html`)}
<main class="landing">
${body}
</main>
</body>
</html>
`,
    });
  }
  return pages;
}
