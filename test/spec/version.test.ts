/** The documents' version (`info.version`, shown in every docs page's title) is the package's version. */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, test } from 'vitest';

const root = new URL('../../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
const infoVersion = (path: string): unknown => (parse(readFileSync(new URL(path, root), 'utf8')) as { info?: { version?: unknown } }).info?.version;

test.each(['openapi/openapi.yaml', 'openapi/cse.yaml', 'openapi/workspace.yaml', 'openapi/servicestage.yaml'])(
  '%s has info.version %s, the version in package.json',
  (path) => {
    expect(infoVersion(path)).toBe(version);
  },
);

test('so does every bundle in generated/', () => {
  const bundles = readdirSync(new URL('generated/', root)).filter((file) => /\.(yaml|json)$/.test(file));
  expect(bundles.length).toBeGreaterThanOrEqual(8);
  for (const file of bundles) expect(infoVersion(`generated/${file}`), file).toBe(version);
});
