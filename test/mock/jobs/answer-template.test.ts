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
/** The request's values (an engine's ID), hostile ones included. */
const FIXED: unknown[] = ['engine', '', 'quote " backslash \\ \u0000 \u001f \u2028 😀 \udfff', '"}],"jobId":666,{"', '\u0000' + 'x'.repeat(10_000), undefined, null, 7, { nested: ['"'] }];
/** The job's own value as JSON text (its ID: digits for CSE, a JSON string for the others), and odd ones. */
const OWN = ['18638', '0', '-1.5e+300', '9007199254740991', JSON.stringify('0e2dae94-23ff-449a-bb9c-1b808cf2106d'), JSON.stringify('quote " \\ \u0000 \ud800'), 'null', '{"a":[1]}'];

describe('answerTemplate', () => {
  it('writes what JSON.stringify writes for { ...example, fixed, own }, for odd examples and hostile values', () => {
    const answered = answerTemplate('jobId', 'id');
    for (const example of EXAMPLES) {
      const frozen = deepFreeze(structuredClone(example));
      for (const id of FIXED) {
        for (const own of OWN) expect(text(answered(frozen, own, id))).toBe(JSON.stringify({ ...example, id, jobId: JSON.parse(own) }));
      }
    }
  });

  it('with no fixed field, the job\'s own field alone', () => {
    const answered = answerTemplate('job_id');
    const example = deepFreeze({ job_id: 'example', status: 'ok' });
    expect([text(answered(example, '"a"')), text(answered(example, '"b"'))]).toEqual(['{"job_id":"a","status":"ok"}', '{"job_id":"b","status":"ok"}']);
  });

  it('follows the request\'s value as it changes (one engine, another, the first again) and examples taken in turn', () => {
    const answered = answerTemplate('jobId', 'id');
    const [retry, upgrade] = [deepFreeze({ id: 'x', name: 'r', jobId: 0 }), deepFreeze({ id: 'x', name: 'u', jobId: 0, extra: true })];
    const calls: [Record<string, unknown>, string, number][] = [[retry, 'a', 1], [retry, 'b', 2], [upgrade, 'b', 3], [retry, 'a', 4], [upgrade, 'a', 5], [upgrade, 'a', 6]];
    for (const [example, id, jobId] of calls) expect(text(answered(example, String(jobId), id))).toBe(JSON.stringify({ ...example, id, jobId }));
  });

  it('gives the object itself for an example that is not deeply frozen (it may change)', () => {
    const answered = answerTemplate('jobId', 'id');
    const example: Record<string, unknown> = { id: 'e', jobId: 1, name: 'n' };
    expect(answered(example, '2', 'a')).toEqual({ id: 'a', jobId: 2, name: 'n' });
    example['name'] = 'changed';
    expect(answered(example, '3', 'a')).toEqual({ id: 'a', jobId: 3, name: 'changed' });
    expect(text(answered(deepFreeze({ ...example }), '4', 'a'))).toBe('{"id":"a","jobId":4,"name":"changed"}');
  });

  it('a JsonText reads as the value it holds wherever it is serialised as an object', () => {
    const body = answerTemplate('job_id')(deepFreeze({ job_id: 'x', n: [1] }), '"y"');
    expect(JSON.stringify({ body })).toBe('{"body":{"job_id":"y","n":[1]}}');
  });
});
