/** answerTemplate: a job's answer as text, exactly what JSON.stringify writes for the example with the job's fields. */
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../src/mock/frozen.js';
import { answerTemplate } from '../../../src/mock/jobs/answer-template.js';
import { JsonText } from '../../../src/mock/json-text.js';

const text = (body: unknown) => (body instanceof JsonText ? body.text : `not text: ${JSON.stringify(body)}`);

const EXAMPLES = [
  { id: '4a1bc63d-4719-4bd3-b1ad-5ee590b05e87', name: 'cse-gve7lg', jobId: 18638 },
  { job_id: 'x' },
  { name: 'no holes yet' },
  {},
  { jobId: 1, id: 'order of the example kept', nested: { jobId: 2, id: ['id', 'jobId'] }, list: [{ id: 3 }] },
  { 'odd "key"': 'quote " backslash \\ newline \n nul \u0000 line sep \u2028 emoji 😀 lone \ud800', '</script>': '<!--' },
];
const VALUES: [unknown, unknown][] = [
  ['engine', 18638],
  ['', 0],
  ['quote " backslash \\ \u0000 \u001f \u2028 😀 \udfff', -1.5e300],
  ['"}],"jobId":666,{"', Number.NaN],
  ['\u0000' + 'x'.repeat(10_000), Number.MAX_SAFE_INTEGER],
  ['engine', -0],
  ['engine', Number.NEGATIVE_INFINITY],
  ['engine', 1e21],
  ['engine', 'a string where a number was'],
  ['engine', 'quote " backslash \\ \u0000 \u2028 lone \ud800'],
  ['engine', null],
  ['engine', { nested: ['"'] }],
];

describe('answerTemplate', () => {
  it('writes what JSON.stringify writes for { ...example, fields }, for odd examples and hostile values', () => {
    const answered = answerTemplate(['id', 'jobId']);
    for (const example of EXAMPLES) {
      const frozen = deepFreeze(structuredClone(example));
      for (const [id, jobId] of VALUES) {
        expect(text(answered(frozen, id, jobId))).toBe(JSON.stringify({ ...example, id, jobId }));
        expect(JSON.parse(text(answered(frozen, id, jobId)))).toEqual(JSON.parse(JSON.stringify({ ...example, id, jobId })));
      }
    }
  });

  it('follows the request\'s values as they change (one engine, another, the first again) and examples taken in turn', () => {
    const answered = answerTemplate(['id', 'jobId']);
    const [retry, upgrade] = [deepFreeze({ id: 'x', name: 'r', jobId: 0 }), deepFreeze({ id: 'x', name: 'u', jobId: 0, extra: true })];
    const calls: [Record<string, unknown>, string, number][] = [[retry, 'a', 1], [retry, 'b', 2], [upgrade, 'b', 3], [retry, 'a', 4], [upgrade, 'a', 5], [upgrade, 'a', 6]];
    for (const [example, id, jobId] of calls) expect(text(answered(example, id, jobId))).toBe(JSON.stringify({ ...example, id, jobId }));
  });

  it('cuts one example once and fills each job anew: two jobs of one example, two answers', () => {
    const answered = answerTemplate(['job_id']);
    const example = deepFreeze({ job_id: 'example', status: 'ok' });
    expect([text(answered(example, 'a')), text(answered(example, 'b'))]).toEqual(['{"job_id":"a","status":"ok"}', '{"job_id":"b","status":"ok"}']);
  });

  it('gives the object itself for an example that is not deeply frozen (it may change) or a value JSON cannot write', () => {
    const answered = answerTemplate(['id', 'jobId']);
    const example: Record<string, unknown> = { id: 'e', jobId: 1, name: 'n' };
    expect(answered(example, 'a', 2)).toEqual({ id: 'a', jobId: 2, name: 'n' });
    example['name'] = 'changed';
    expect(answered(example, 'a', 3)).toEqual({ id: 'a', jobId: 3, name: 'changed' });
    const frozen = deepFreeze({ id: 'e', jobId: 1 });
    expect(text(answered(frozen, undefined, 2))).toBe(JSON.stringify({ jobId: 2 })); // a request's value JSON leaves out, as it does
    expect(answered(frozen, 'a', undefined)).toEqual({ id: 'a', jobId: undefined }); // the job's own value JSON cannot write: the object
    expect(answered(frozen, 'a', undefined)).not.toBeInstanceOf(JsonText);
    expect(text(answered(frozen, 'after a fallback', 4))).toBe('{"id":"after a fallback","jobId":4}');
  });

  it('a JsonText reads as the value it holds wherever it is serialised as an object', () => {
    const body = answerTemplate(['job_id'])(deepFreeze({ job_id: 'x', n: [1] }), 'y');
    expect(JSON.stringify({ body })).toBe('{"body":{"job_id":"y","n":[1]}}');
  });
});
