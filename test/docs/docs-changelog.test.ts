/** The changelog page generator, on a small Markdown fixture. */
import { expect, test } from 'vitest';
import { renderChangelog } from '../../scripts/docs-changelog.js';

test('renders the Markdown under a link back to the landing page, titled after the docs', () => {
  const html = renderChangelog('# Changelog\n\n## 1.2.0\n\n- **Client**: `waitForJob` & friends.\n', 'All <APIs>');
  expect(html).toContain('<title>Changelog · All &lt;APIs&gt;</title>');
  expect(html).toContain('<nav><a href="index.html">All services</a></nav>');
  expect(html).toContain('<h2>1.2.0</h2>');
  expect(html).toContain('<li><strong>Client</strong>: <code>waitForJob</code> &amp; friends.</li>');
  expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
});
