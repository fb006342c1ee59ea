/** The redactor and the sanitised copies of thrown values that errors carry as their cause. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactJson, redactor, sanitized } from '../../src/client/redact.js';

const LONG = 'fakeSecretKey2222ExampleOnly2222NotReal22';

describe('redactor', () => {
  it('replaces a secret of 8 characters or more wherever it occurs', () => {
    const redact = redactor([LONG]);
    expect(redact(`sk=${LONG};x${LONG}y`)).toBe('sk=[REDACTED];x[REDACTED]y');
  });

  it('replaces a short secret only where it stands alone, so messages stay readable', () => {
    const redact = redactor(['t']);
    expect(redact('x-auth-token: t\nIncorrect authentication')).toBe('x-auth-token: [REDACTED]\nIncorrect authentication');
  });

  it('treats regular-expression characters in a secret literally', () => {
    const secret = 'a+b*c?(d)[e]{f}|g^h$i.j\\k';
    expect(redactor([secret])(`<${secret}>`)).toBe('<[REDACTED]>');
  });

  it('replaces the longest secret first', () => {
    expect(redactor(['ABCDEFGHIJ', 'ABCDEFGHIJKLMNOP'])('ABCDEFGHIJKLMNOP')).toBe('[REDACTED]');
  });

  it('ignores missing secrets', () => {
    expect(redactor([undefined, ''])('text')).toBe('text');
  });

  it('redacts JSON values and keys, and returns the same value when nothing matched', () => {
    const redact = redactor([LONG]);
    expect(redactJson({ [LONG]: [LONG, 1] }, redact)).toEqual({ '[REDACTED]': ['[REDACTED]', 1] });
    const clean = { a: 1 };
    expect(redactJson(clean, redact)).toBe(clean);
  });
});

describe('sanitized', () => {
  const redact = redactor([LONG]);

  it('keeps name, message, system-error fields and the cause chain, all redacted', () => {
    const inner = Object.assign(new Error(`connect ECONNREFUSED ${LONG}`), { code: 'ECONNREFUSED', errno: -111, port: 9 });
    const copy = sanitized(Object.assign(new TypeError('fetch failed', { cause: inner }), { request: { sk: LONG } }), redact);
    expect(copy).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(copy).not.toHaveProperty('request');
    expect(copy.cause).toMatchObject({ message: 'connect ECONNREFUSED [REDACTED]', code: 'ECONNREFUSED', errno: -111, port: 9 });
    expect(inspect(copy, { depth: Infinity, showHidden: true })).not.toContain(LONG);
  });

  it('copies the errors of an AggregateError', () => {
    const copy = sanitized(new AggregateError([new Error(LONG)], 'all attempts failed'), redact);
    expect((copy as Error & { errors: Error[] }).errors[0]!.message).toBe('[REDACTED]');
  });

  it('turns a thrown non-error into an Error with its redacted text', () => {
    expect(sanitized(`boom ${LONG}`, redact).message).toBe('boom [REDACTED]');
  });

  it('stops at a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as Error & { cause: unknown }).cause = b;
    expect(() => sanitized(a, redact)).not.toThrow();
  });
});
