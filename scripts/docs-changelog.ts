/**
 * The changelog page of the docs, generated/docs/changelog.html: CHANGELOG.md rendered by marked,
 * in the landing page's style, with a link back to it. Self-contained like the landing page.
 */
import { marked } from 'marked';
import { escapeHtml, STYLE } from './docs-landing.js';

/** The whole page. `title` is the docs' title (the combined document's). */
export function renderChangelog(markdown: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Changelog · ${escapeHtml(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
<main>
  <nav><a href="index.html">All services</a></nav>
${marked.parse(markdown, { async: false }) as string}
</main>
</body>
</html>
`;
}
