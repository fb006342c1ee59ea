/**
 * generated/types/ is what `npm run generate` makes from the committed bundles, byte for byte, so
 * the client is typed from the bundles as they are (a bundle change without a regenerate fails here).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleOf, generateTypes, SERVICES, typesOf } from '../../scripts/generate-types.js';

describe.each(SERVICES)('%s', (service) => {
  it(`generated/types/${service}.d.ts is up to date with generated/${service}.openapi.json`, async () => {
    const fresh = await generateTypes(bundleOf(service));
    expect(fresh, `generated/types/${service}.d.ts is stale: run npm run generate`).toBe(readFileSync(typesOf(service), 'utf8'));
  });
});
