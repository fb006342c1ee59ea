/**
 * loadPrism() leaves faker unloaded: Prism's mocker requires it (with its 58 locales) for dynamic
 * responses, which the mock refuses, and loading it doubles the mock's start-up. In a fresh
 * process, since this one may have loaded faker for another test.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { DEFAULT_DOCUMENT } from '../../../src/mock/launch.js';

const probe = fileURLToPath(new URL('../fixtures/faker-probe.ts', import.meta.url));

it('loads Prism without faker, and faker still works for Prism and for anyone else once used', () => {
  const output = execFileSync(process.execPath, ['--import', 'tsx', probe, DEFAULT_DOCUMENT], { encoding: 'utf8', timeout: 30_000 });
  const seen = JSON.parse(output) as Record<string, unknown>;
  expect(seen).toMatchObject({ afterLoad: 0, afterOperations: 0, theirsIsProxy: false, theirsWorks: true });
  expect(seen['generated']).toMatchObject({ _tag: 'Right', right: { n: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
  expect(seen['afterUse']).toBeGreaterThan(50);
});
