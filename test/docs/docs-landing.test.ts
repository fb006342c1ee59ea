/** The landing page generator, on a small fixture document. */
import { expect, test } from 'vitest';
import { downloadsOf, firstParagraph, operationHref, renderLanding } from '../../scripts/docs-landing.js';
import type { OpenApiDocument } from '../../scripts/docs-services.js';

const fixture: OpenApiDocument = {
  info: { title: 'Fixture <API>', description: 'Does `one` thing & more.\n\n## Later\nNot shown.' },
  servers: [{ url: 'https://svc.{region}.example.test', variables: { region: { default: 'r-1', enum: ['r-1', 'r-2'] } } }],
  paths: {
    '/v1/{id}/things': {
      post: { operationId: 'MakeThing', summary: 'Make a thing', tags: ['Things'] },
      parameters: [],
    },
  },
};

test('firstParagraph keeps code spans, reduces links to their text, escapes HTML and drops the rest of the description', () => {
  expect(firstParagraph(fixture.info.description)).toBe('Does <code>one</code> thing &amp; more.');
  expect(firstParagraph('<script>x</script>')).toBe('&lt;script&gt;x&lt;/script&gt;');
  expect(firstParagraph('Follow it with [ShowJob](#operation/ShowJob) or [`X`](x.html "t").')).toBe('Follow it with ShowJob or [<code>X</code>](x.html &quot;t&quot;).');
  expect(firstParagraph('[<b>](javascript:alert(1))')).toBe('&lt;b&gt;)');
  expect(firstParagraph(undefined)).toBe('');
});

test('a bundle is downloaded by its file name, YAML and JSON; an output that is not YAML is an error naming it', () => {
  expect(downloadsOf('generated/cse.openapi.yaml')).toEqual({ yaml: 'cse.openapi.yaml', json: 'cse.openapi.json' });
  expect(() => downloadsOf('generated/cse.openapi.json')).toThrow('generated/cse.openapi.json: a bundle\'s output in redocly.yaml must end in .yaml');
});

test("operation links use Redoc's route: page, tag slug, operationId slug", () => {
  expect(operationHref('svc', { operationId: 'MakeThing', tag: 'Things', method: 'post', path: '/', summary: '' })).toBe(
    'svc.html#/things/makething',
  );
  expect(operationHref('svc', { operationId: 'Make_Thing', tag: 'Big Things', method: 'post', path: '/', summary: '' })).toBe(
    'svc.html#/big-things/make-thing',
  );
});

test('the page lists each service with its host, regions, downloads and operations, the downloads and the changelog, and loads nothing', () => {
  const html = renderLanding({ openapi: '3.1.0', info: { title: 'All', version: '9.8.7' }, paths: {} }, 'generated/all.yaml', [
    { name: 'svc', bundle: 'generated/svc.openapi.yaml', document: fixture },
  ]);
  expect(html).toContain('<title>All</title>');
  expect(html).toContain('<h2><a href="svc.html">Fixture &lt;API&gt;</a></h2>');
  expect(html).toContain('Host: <code>https://svc.{region}.example.test</code>');
  expect(html).toContain('the default is <code>r-1</code>');
  expect(html).toContain('<ul class="regions"><li><code>r-1</code></li><li><code>r-2</code></li></ul>');
  expect(html).toContain('API description: <a href="svc.openapi.yaml" download>YAML</a> · <a href="svc.openapi.json" download>JSON</a>');
  expect(html).toContain('<a href="all.yaml" download>all.yaml</a>');
  expect(html).toContain('<a href="all.json" download>all.json</a>');
  expect(html).toContain('OpenAPI 3.1.0 documents, version 9.8.7');
  expect(html).toContain('<a href="changelog.html">Changelog</a>');
  expect(html).toContain('<span class="method post">POST</span>');
  expect(html).toContain('<a href="svc.html#/things/makething">Make a thing</a>');
  expect(html).toContain('/<wbr>v1/<wbr>{id}/<wbr>things');
  expect(html).toContain('1 service, 1 operation, version 9.8.7.');
  expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
});

test('an operation without operationId, summary or tag is an error naming it', () => {
  const broken: OpenApiDocument = { ...fixture, paths: { '/x': { get: { operationId: 'X', tags: ['T'] } } } };
  expect(() => renderLanding(fixture, 'all.yaml', [{ name: 'svc', bundle: 'x.yaml', document: broken }])).toThrow(
    'GET /x: the docs need an operationId, a summary and a tag',
  );
});
