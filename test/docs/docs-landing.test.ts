/** The landing page generator, on a small fixture document. */
import { expect, test } from 'vitest';
import { firstParagraph, operationHref, renderLanding } from '../../scripts/docs-landing.js';
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

test('firstParagraph keeps code spans, escapes HTML and drops the rest of the description', () => {
  expect(firstParagraph(fixture.info.description)).toBe('Does <code>one</code> thing &amp; more.');
  expect(firstParagraph('<script>x</script>')).toBe('&lt;script&gt;x&lt;/script&gt;');
  expect(firstParagraph(undefined)).toBe('');
});

test("operation links use Redoc's route: page, tag slug, operationId slug", () => {
  expect(operationHref('svc', { operationId: 'MakeThing', tag: 'Things', method: 'post', path: '/', summary: '' })).toBe(
    'svc.html#/things/makething',
  );
  expect(operationHref('svc', { operationId: 'Make_Thing', tag: 'Big Things', method: 'post', path: '/', summary: '' })).toBe(
    'svc.html#/big-things/make-thing',
  );
});

test('the page lists each service with its host, regions and operations, and loads nothing', () => {
  const html = renderLanding({ info: { title: 'All' }, paths: {} }, [{ name: 'svc', bundle: 'x.yaml', document: fixture }]);
  expect(html).toContain('<title>All</title>');
  expect(html).toContain('<h2><a href="svc.html">Fixture &lt;API&gt;</a></h2>');
  expect(html).toContain('<code>https://svc.{region}.example.test</code>, 2 regions (default <code>r-1</code>)');
  expect(html).toContain('<span class="method post">POST</span>');
  expect(html).toContain('<a href="svc.html#/things/makething">Make a thing</a>');
  expect(html).toContain('/<wbr>v1/<wbr>{id}/<wbr>things');
  expect(html).toContain('1 service, 1 operation.');
  expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
});

test('an operation without operationId, summary or tag is an error naming it', () => {
  const broken: OpenApiDocument = { ...fixture, paths: { '/x': { get: { operationId: 'X', tags: ['T'] } } } };
  expect(() => renderLanding(fixture, [{ name: 'svc', bundle: 'x.yaml', document: broken }])).toThrow(
    'GET /x: the docs need an operationId, a summary and a tag',
  );
});
