/**
 * The landing page of the docs, generated/docs/index.html: each service with its description, host,
 * regions, downloads and operations (method, path, summary), linked into the service's Redoc page;
 * the API descriptions to download (YAML and JSON, per service and combined); the changelog.
 * Self-contained: inline CSS, no script, nothing fetched.
 */
import { basename } from 'node:path';
import { operationsOf, type OpenApiDocument, type Operation, type Service } from './docs-services.js';

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * The first paragraph of a Markdown description, with its `code` spans kept and its links reduced to
 * their text (they point into the service pages); other Markdown is left as text.
 */
export function firstParagraph(markdown = ''): string {
  const paragraph = markdown.trim().split(/\n\s*\n/)[0] ?? '';
  const text = paragraph.replace(/\s+/g, ' ').replace(/\[([^\]]*)\]\([^)\s]*\)/g, '$1');
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** Redoc's route slug for a tag or an operationId (lower case, runs of other characters as `-`). */
export const redocSlug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The link Redoc's own sidebar uses for an operation: `<page>.html#/<tag>/<operationId>`. */
export const operationHref = (service: string, operation: Operation): string =>
  `${service}.html#/${redocSlug(operation.tag)}/${redocSlug(operation.operationId)}`;

/** The file names a bundle is downloaded as from the docs (beside the pages): its YAML and its JSON twin. */
export function downloadsOf(bundle: string): { yaml: string; json: string } {
  if (!bundle.endsWith('.yaml')) throw new Error(`${bundle}: a bundle's output in redocly.yaml must end in .yaml (its JSON twin is .json)`);
  const yaml = basename(bundle);
  return { yaml, json: yaml.replace(/\.yaml$/, '.json') };
}

/** The changelog page beside the landing page. */
export const CHANGELOG_PAGE = 'changelog.html';

const downloadLinks = (bundle: string): string => {
  const { yaml, json } = downloadsOf(bundle);
  return `<a href="${escapeHtml(yaml)}" download>YAML</a> · <a href="${escapeHtml(json)}" download>JSON</a>`;
};

function hostLines(document: OpenApiDocument): string {
  return (document.servers ?? [])
    .map(({ url, variables }) => {
      const region = variables?.region;
      const regions = region?.enum
        ? `\n    <p class="regions-title">Regions (<code>region</code>; the default is <code>${escapeHtml(region.default)}</code>):</p>
    <ul class="regions">${region.enum.map((name) => `<li><code>${escapeHtml(name)}</code></li>`).join('')}</ul>`
        : '';
      return `<p class="host">Host: <code>${escapeHtml(url)}</code></p>${regions}`;
    })
    .join('\n    ');
}

function serviceSection({ name, bundle, document }: Service): string {
  const rows = operationsOf(document).map((operation) => {
    const method = operation.method.toUpperCase();
    return `      <tr>
        <td><span class="method ${operation.method}">${method}</span></td>
        <td><a href="${escapeHtml(operationHref(name, operation))}">${escapeHtml(operation.summary)}</a></td>
        <td><code class="path">${escapeHtml(operation.path).replace(/\//g, '/<wbr>')}</code></td>
      </tr>`;
  });
  return `  <section id="${escapeHtml(name)}">
    <h2><a href="${escapeHtml(name)}.html">${escapeHtml(document.info.title)}</a></h2>
    <p>${firstParagraph(document.info.description)}</p>
    ${hostLines(document)}
    <p class="host">API description: ${downloadLinks(bundle)}</p>
    <table class="operations">
      <thead><tr><th>Method</th><th>Operation</th><th>Path</th></tr></thead>
      <tbody>
${rows.join('\n')}
      </tbody>
    </table>
  </section>`;
}

function downloadsSection(overview: OpenApiDocument, combinedBundle: string, services: Service[]): string {
  const row = (title: string, bundle: string) => {
    const { yaml, json } = downloadsOf(bundle);
    return `      <tr><td>${escapeHtml(title)}</td><td><a href="${escapeHtml(yaml)}" download>${escapeHtml(yaml)}</a></td><td><a href="${escapeHtml(json)}" download>${escapeHtml(json)}</a></td></tr>`;
  };
  return `  <section id="downloads">
    <h2>Download the API descriptions</h2>
    <p>OpenAPI ${escapeHtml(overview.openapi ?? '')} documents, version ${escapeHtml(overview.info.version ?? '')}: one per service, and one with every operation (each path lists its own service's servers). Generate a client in any language from them, or test against the mock.</p>
    <table>
      <thead><tr><th>API</th><th>YAML</th><th>JSON</th></tr></thead>
      <tbody>
${[row('All services', combinedBundle), ...services.map(({ bundle, document }) => row(document.info.title, bundle))].join('\n')}
      </tbody>
    </table>
  </section>`;
}

export const STYLE = `
  :root { color-scheme: light; --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --link: #0b57d0; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--text); }
  main { max-width: 1040px; margin: 0 auto; padding: 40px 24px 64px; }
  h1 { font-size: 2rem; line-height: 1.25; margin: 0 0 12px; }
  h2 { font-size: 1.35rem; margin: 0 0 8px; }
  a { color: var(--link); text-decoration: none; }
  a:hover { text-decoration: underline; }
  .lead { color: var(--muted); max-width: 760px; }
  nav { margin: 16px 0 0; font-size: 0.95rem; }
  nav a { margin-right: 16px; }
  section { border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin-top: 24px; }
  section p { margin: 0 0 8px; }
  .host, .regions-title { color: var(--muted); font-size: 0.94rem; }
  .regions-title { margin-bottom: 4px; }
  ul.regions { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 6px; margin: 0 0 12px; padding: 0; }
  code { font: 0.88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; background: #f2f4f7; padding: 1px 5px; border-radius: 4px; }
  code.path { background: none; padding: 0; }
  pre { background: #f2f4f7; padding: 12px 16px; border-radius: 6px; overflow-x: auto; }
  pre code { padding: 0; }
  table { width: 100%; border-collapse: collapse; margin-top: 12px; }
  th, td { text-align: left; padding: 8px 10px; border-top: 1px solid var(--line); vertical-align: top; }
  th { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); border-top: none; }
  table.operations td:first-child { width: 5.5rem; }
  table.operations td:nth-child(2) { width: 38%; }
  .method { display: inline-block; min-width: 3.6rem; text-align: center; font: 600 0.78rem/1.8 ui-monospace, monospace; border-radius: 4px; color: #fff; }
  .method.get { background: #1a7f37; } .method.post { background: #0b57d0; } .method.put { background: #b35900; }
  .method.patch { background: #8250df; } .method.delete { background: #cf222e; }
  footer { margin-top: 32px; color: var(--muted); font-size: 0.9rem; }
`;

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The whole landing page. `overview` is the combined document (title and introduction), `combinedBundle` its YAML bundle. */
export function renderLanding(overview: OpenApiDocument, combinedBundle: string, services: Service[]): string {
  const count = services.reduce((n, { document }) => n + operationsOf(document).length, 0);
  const nav = [
    ...services.map(({ name, document }) => `<a href="#${escapeHtml(name)}">${escapeHtml(document.tags?.[0]?.name ?? document.info.title)}</a>`),
    '<a href="#downloads">Downloads</a>',
    `<a href="${CHANGELOG_PAGE}">Changelog</a>`,
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(overview.info.title)}</title>
  <style>${STYLE}</style>
</head>
<body>
<main>
  <h1>${escapeHtml(overview.info.title)}</h1>
  <p class="lead">${firstParagraph(overview.info.description)}</p>
  <p class="lead">${counted(services.length, 'service')}, ${counted(count, 'operation')}, version ${escapeHtml(overview.info.version ?? '')}. Each service page documents authentication (an IAM token or an AK/SK signature), the regions and hosts, every request and response with examples, the error codes, and code samples in curl and TypeScript.</p>
  <nav>${nav.join('\n    ')}</nav>
${services.map(serviceSection).join('\n')}
${downloadsSection(overview, combinedBundle, services)}
  <section id="changelog">
    <h2><a href="${CHANGELOG_PAGE}">Changelog</a></h2>
    <p>What changed in each version.</p>
  </section>
  <footer>These pages are self-contained and work offline. The one thing they ask another site for is Redoc's small
    attribution logo (from cdn.redoc.ly), which is left out when it cannot load.</footer>
</main>
</body>
</html>
`;
}
