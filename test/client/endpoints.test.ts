/** The client's server templates and regions are the bundles' `servers`, unchanged. */
import { describe, expect, it } from 'vitest';
import { SERVERS } from '../../src/client/endpoints.js';
import { bundle } from './fixtures.js';

describe.each(Object.entries(SERVERS))('%s', (service, server) => {
  it("matches the bundle's server URL template and region list", () => {
    const [spec] = bundle(service).servers;
    expect(server.url).toBe(spec.url);
    expect(server.regions).toEqual(spec.variables.region.enum);
  });
});
