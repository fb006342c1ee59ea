/**
 * The X-Mock-Job header, read as hostile input: every malformed, oversized or ambiguous value is
 * refused with a reason naming the header; the valid forms give exactly what they say.
 */
import { describe, expect, it } from 'vitest';
import { MAX_HEADER, MAX_MESSAGE, MAX_POLLS, readControl } from '../../../src/mock/jobs/control.js';

const ok = (raw: string) => {
  const read = readControl(raw);
  if (!read.ok) throw new Error(read.reason);
  return read.value;
};
const reason = (raw: string) => {
  const read = readControl(raw);
  if (read.ok) throw new Error(`accepted: ${JSON.stringify(read.value)}`);
  return read.reason;
};

describe('valid values', () => {
  it.each([
    ['succeed', { outcome: 'succeed' }],
    ['fail', { outcome: 'fail' }],
    ['FAIL', { outcome: 'fail' }],
    ['succeed; polls=0', { outcome: 'succeed', polls: 0 }],
    [`succeed;polls=${MAX_POLLS}`, { outcome: 'succeed', polls: MAX_POLLS }],
    ['fail; code=CSE.1234', { outcome: 'fail', code: 'CSE.1234' }],
    ['fail; code=WKS.00010025; message="The agent did not respond."; polls=2', { outcome: 'fail', code: 'WKS.00010025', message: 'The agent did not respond.', polls: 2 }],
    ['fail ; Message = oops ; POLLS = 1', { outcome: 'fail', message: 'oops', polls: 1 }],
    ['fail; message="a; b, c \\"quoted\\" \\\\ end"', { outcome: 'fail', message: 'a; b, c "quoted" \\ end' }],
  ])('%s', (raw, expected) => {
    expect(ok(raw)).toEqual(expected);
  });

  it(`a message of exactly ${MAX_MESSAGE} characters`, () => {
    expect(ok(`fail; message="${'m'.repeat(MAX_MESSAGE)}"`).message).toHaveLength(MAX_MESSAGE);
  });
});

describe('hostile values: each refused, naming the header and why', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['maybe', /must start with succeed or fail \(got "maybe"\)/],
    ['polls=2', /must start with succeed or fail/],
    ['succeed; polls=2, fail', /given more than once/], // Node joins a repeated header with ", "
    ['fail, fail', /given more than once/],
    ['succeed; polls=2; polls=3', /polls given more than once/],
    ['fail; code=A; code=B', /code given more than once/],
    ['succeed; polls', /polls needs a value/],
    ['succeed; polls=', /polls must be a whole number from 0 to 10000 \(got ""\)/],
    ['succeed; polls=-1', /polls must be a whole number/],
    ['succeed; polls=1.5', /polls must be a whole number/],
    ['succeed; polls=1e3', /polls must be a whole number/],
    ['succeed; polls=0x10', /polls must be a whole number/],
    [`succeed; polls=${MAX_POLLS + 1}`, /polls must be a whole number from 0 to 10000/],
    ['succeed; polls=99999999999999999999999999', /polls must be a whole number/],
    ['succeed; polls=Infinity', /polls must be a whole number/],
    ['succeed; code=X', /code and message go with fail only/],
    ['succeed; message=x', /code and message go with fail only/],
    ['fail; code=', /code must be 1 to 64/],
    ['fail; code=../../etc', /code must be 1 to 64/],
    [`fail; code=${'C'.repeat(65)}`, /code must be 1 to 64/],
    ['fail; code=.hidden', /code must be 1 to 64/],
    ['fail; message=""', /message must not be empty/],
    ['fail; message=two words', /quote a value with spaces/],
    [`fail; message="${'m'.repeat(MAX_MESSAGE + 1)}"`, /message longer than 1024/],
    ['fail; message="open', /quoted string is not closed/],
    ['fail; message="a"b', /text after the closing quote/],
    ['fail; colour=red', /unknown parameter "colour"; known: polls, code, message/],
    ['fail; __proto__=1', /unknown parameter/],
    ['fail;; polls=1', /empty item after the 1st ";"/],
    ['fail; polls=1;', /empty item after the 2nd ";"/],
  ])('%j', (raw, expected) => {
    const why = reason(raw);
    expect(why).toMatch(/^header\.x-mock-job: /);
    expect(why).toMatch(expected);
  });

  it.each([
    ['a NUL byte', 'fail; message="a\u0000b"', 'U+0000'],
    ['a TAB', 'fail;\tpolls=1', 'U+0009'],
    ['a CR', 'fail; message="a\rb"', 'U+000D'],
    ['DEL', 'fail; code=A\u007f', 'U+007F'],
    ['an ESC sequence', 'fail; message="\u001b[31mred"', 'U+001B'],
    ['non-ASCII', 'fail; message="caf\u00e9"', 'U+00E9'],
    ['a bidi override', 'fail; message="\u202egnp.exe"', 'U+202E'],
  ])('%s', (_, raw, shown) => {
    expect(reason(raw)).toContain(`contains a control or non-ASCII character (${shown})`);
  });

  it(`a value over ${MAX_HEADER} characters is refused before it is read`, () => {
    expect(reason(`fail; message="${'m'.repeat(MAX_HEADER)}"`)).toBe(`header.x-mock-job: longer than ${MAX_HEADER} characters`);
    expect(reason('x'.repeat(1_000_000))).toBe(`header.x-mock-job: longer than ${MAX_HEADER} characters`);
  });

  it('quotes what it shows, cut to 40 characters', () => {
    expect(reason(`${'z'.repeat(100)}`)).toBe(`header.x-mock-job: must start with succeed or fail (got "${'z'.repeat(40)}...")`);
  });
});
