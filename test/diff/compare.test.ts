/**
 * The breaking-change gate's classification, on a one-operation fixture: each breaking kind the
 * teams that generate clients from our bundles care about is breaking, and the additive kinds are
 * not (test/diff/fixtures/base.openapi.json, one edit per case).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareBundles, type Change } from '../../scripts/diff/compare.js';
import { gate } from '../../scripts/diff/gate.js';

type Doc = Record<string, any>;
const base: Doc = JSON.parse(readFileSync(new URL('fixtures/base.openapi.json', import.meta.url), 'utf8'));
const PATH = '/v1/{project_id}/things/{thing_id}/action';
const op = (doc: Doc) => doc.paths[PATH].post;
const requestSchema = (doc: Doc) => op(doc).requestBody.content['application/json'].schema;
const okSchema = (doc: Doc) => op(doc).responses['200'].content['application/json'].schema;

function changesOf(edit: (doc: Doc) => void): Change[] {
  const after = structuredClone(base);
  edit(after);
  return compareBundles(base, after);
}

/** The gate's verdict with the version unchanged (1.0.0 released, 1.0.0 now). */
const passes = (changes: Change[]) => gate({ changes, released: '1.0.0', version: '1.0.0', changelog: '' }).ok;

const BREAKING: [string, (doc: Doc) => void, string][] = [
  ['a removed response field', (d) => delete okSchema(d).properties.detail, 'detail'],
  [
    'a new required request property',
    (d) => {
      requestSchema(d).properties.zone = { type: 'string' };
      requestSchema(d).required.push('zone');
    },
    'zone',
  ],
  ['a removed enum value', (d) => (requestSchema(d).properties.action.enum = ['start', 'stop']), 'action'],
  ['a changed type', (d) => (requestSchema(d).properties.replica = { type: 'string' }), 'replica'],
  ['a removed response', (d) => delete op(d).responses['401'], '401'],
  ['a removed operation', (d) => delete d.paths[PATH], 'RunThingAction'],
  ['a removed region (server variable value)', (d) => d.paths[PATH].servers[0].variables.region.enum.pop(), 'region'],
];

describe('breaking changes fail the gate', () => {
  it.each(BREAKING)('%s', (_, edit, subject) => {
    const changes = changesOf(edit);
    const breaking = changes.filter((c) => c.type === 'breaking');
    expect(breaking.length, JSON.stringify(changes, null, 2)).toBeGreaterThan(0);
    expect(breaking.map((c) => c.subject)).toContain(subject);
    expect(breaking.every((c) => c.operation === 'RunThingAction')).toBe(true);
    expect(passes(changes)).toBe(false);
  });

  it('a removed response link', () => {
    const linked = structuredClone(base);
    op(linked).responses['200'].links = { ShowJob: { operationId: 'ShowJob' } };
    expect(compareBundles(linked, base).map((c) => c.type)).toContain('breaking');
  });

  it('a response header that was required and no longer is', () => {
    const required = structuredClone(base);
    op(required).responses['200'].headers['X-Request-Id'].required = true;
    const changes = compareBundles(required, base);
    expect(changes.map((c) => [c.type, c.subject])).toEqual([['breaking', 'X-Request-Id']]);
  });
});

describe('additive changes pass', () => {
  it("a tag's description rewritten", () => {
    const before: Doc = { ...structuredClone(base), tags: [{ name: 'Things', description: 'Things.' }] };
    const after: Doc = { ...structuredClone(base), tags: [{ name: 'Things', description: 'Things, and the jobs that follow them.' }] };
    const changes = compareBundles(before, after);
    expect(changes.map((c) => [c.type, c.pointer])).toEqual([['annotation', '/tags/0/description']]);
    expect(passes(changes)).toBe(true);
  });

  it.each([
    ['an added optional request field', (d: Doc) => (requestSchema(d).properties.zone = { type: 'string' })],
    ['an added response field', (d: Doc) => (okSchema(d).properties.extra = { type: 'string' })],
    [
      'a new operation',
      (d: Doc) =>
        (d.paths['/v1/{project_id}/jobs/{job_id}'] = {
          get: { operationId: 'ShowJob', responses: { '200': { description: 'The job.', content: { 'application/json': { schema: { type: 'object' } } } } } },
        }),
    ],
    ['a new 429 response', (d: Doc) => (op(d).responses['429'] = { description: 'Throttled.', headers: { 'Retry-After': { schema: { type: 'string' } } } })],
    ['a response header made required (a promise to clients)', (d: Doc) => (op(d).responses['200'].headers['X-Request-Id'].required = true)],
    ['an added region', (d: Doc) => d.paths[PATH].servers[0].variables.region.enum.push('r-3')],
    ['a new description', (d: Doc) => (op(d).description = 'Runs it.')],
    [
      'a link from a response to the operation that follows it',
      (d: Doc) => (op(d).responses['200'].links = { ShowJob: { operationId: 'ShowJob', parameters: { job_id: '$response.body#/job_id' } } }),
    ],
  ])('%s', (_, edit) => {
    const changes = changesOf(edit);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.type === 'breaking' || c.type === 'unclassified'), JSON.stringify(changes, null, 2)).toEqual([]);
    expect(passes(changes)).toBe(true);
  });
});
