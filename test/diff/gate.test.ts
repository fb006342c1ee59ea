/**
 * The release rule: a breaking change needs a major bump (a minor one while 0.x) and a
 * CHANGELOG.md section for the new version naming it; and the changes other work on the spec
 * makes (a 429 on every operation, X-Request-Id required, new GET operations) pass as they are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareBundles, type Change } from '../../scripts/diff/compare.js';
import { allowsBreaking, changelogSection, gate } from '../../scripts/diff/gate.js';

const removedDetail: Change = {
  operation: 'RunThingAction',
  where: 'POST /v1/things',
  type: 'breaking',
  action: 'remove',
  pointer: '/responses/200/content/application~1json/schema/properties/detail',
  description: '[Removed] property `detail` in Response 200',
  subject: 'detail',
};
const NAMED = '# Changelog\n\n## 0.2.0\n\n### Minor Changes\n\n- RunThingAction: the 200 response has no `detail` any more.\n\n## 0.1.0\n\nFirst release.\n';

describe('version bumps', () => {
  it.each([
    ['0.1.0', '0.2.0', true],
    ['0.1.0', '1.0.0', true],
    ['0.1.0', '0.1.1', false],
    ['0.1.0', '0.1.0', false],
    ['1.2.3', '2.0.0', true],
    ['1.2.3', '1.3.0', false],
    ['1.2.3', '0.9.0', false],
  ])('%s → %s allows breaking changes: %s', (released, version, allowed) => {
    expect(allowsBreaking(released, version)).toBe(allowed);
  });

  it('rejects what is not a version', () => {
    expect(() => allowsBreaking('0.1', '0.2.0')).toThrow('not a semver version: "0.1"');
  });
});

describe('the gate', () => {
  it('passes a breaking change bumped and named in the changelog', () => {
    expect(gate({ changes: [removedDetail], released: '0.1.0', version: '0.2.0', changelog: NAMED })).toEqual({ ok: true, problems: [] });
  });

  it('fails it without the bump, saying which version is needed', () => {
    const { ok, problems } = gate({ changes: [removedDetail], released: '0.1.0', version: '0.1.1', changelog: NAMED.replace('0.2.0', '0.1.1') });
    expect(ok).toBe(false);
    expect(problems).toEqual(["1 breaking change(s) since 0.1.0, but package.json's version is 0.1.1: bump it to at least 0.2.0 (a minor bump while 0.x)"]);
  });

  it('fails it when the changelog has no section for the version, or the section does not name it', () => {
    expect(gate({ changes: [removedDetail], released: '0.1.0', version: '0.2.0', changelog: '## 0.1.0\n' }).problems).toEqual([
      'CHANGELOG.md has no "## 0.2.0" section naming the breaking changes',
    ]);
    const vague = NAMED.replace('the 200 response has no `detail` any more', 'tidied the response');
    expect(gate({ changes: [removedDetail], released: '0.1.0', version: '0.2.0', changelog: vague }).problems).toEqual([
      'CHANGELOG.md "## 0.2.0" does not name RunThingAction\'s breaking change to "detail" ([Removed] property `detail` in Response 200)',
    ]);
  });

  it('reads only the section of the version: a mention under an older one does not count', () => {
    const older = '## 0.2.0\n\nNothing.\n\n## 0.1.0\n\n- RunThingAction: `detail` removed.\n';
    expect(changelogSection(older, '0.2.0')).toBe('\nNothing.\n');
    expect(gate({ changes: [removedDetail], released: '0.1.0', version: '0.2.0', changelog: older }).ok).toBe(false);
  });

  it('counts an unclassified change as breaking: someone must look at it', () => {
    expect(gate({ changes: [{ ...removedDetail, type: 'unclassified' }], released: '0.1.0', version: '0.1.0', changelog: '' }).ok).toBe(false);
  });
});

describe('the changes issues 9 and 11 make to our bundle', () => {
  type Doc = Record<string, any>;
  // Our bundle as it is (issue 9 landed: a 429 on every operation, X-Request-Id required) plus a new GET
  // operation (issue 11), against the same bundle without any of them.
  const bundle: Doc = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));
  const after = structuredClone(bundle);
  after.components.headers['X-Request-Id'].required = true;
  for (const item of Object.values<Doc>(after.paths)) {
    for (const operation of Object.values<Doc>(item)) {
      if (operation.responses) operation.responses['429'] ??= { $ref: '#/components/responses/TooManyRequests' };
    }
  }
  after.components.responses.TooManyRequests ??= { description: 'Too many requests.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  after.paths['/v2/{project_id}/jobs/{job_id}'] = {
    get: {
      operationId: 'ShowJobStatus',
      summary: 'Show a job',
      responses: { '200': { description: 'The job.', content: { 'application/json': { schema: { type: 'object', properties: { status: { type: 'string' } } } } } } },
    },
  };
  const before = structuredClone(after);
  delete before.paths['/v2/{project_id}/jobs/{job_id}'];
  delete before.components.headers['X-Request-Id'].required;
  for (const item of Object.values<Doc>(before.paths)) {
    for (const operation of Object.values<Doc>(item)) delete operation.responses?.['429'];
  }

  it('are all additive: 429s, a required response header, a new operation', () => {
    const changes = compareBundles(before, after);
    expect(changes.some((c) => c.subject === '429')).toBe(true);
    expect(changes.some((c) => c.subject === 'X-Request-Id' && c.pointer.endsWith('/required'))).toBe(true);
    expect(changes.some((c) => c.operation === 'ShowJobStatus')).toBe(true);
    expect(changes.filter((c) => c.type === 'breaking' || c.type === 'unclassified')).toEqual([]);
  });
});
