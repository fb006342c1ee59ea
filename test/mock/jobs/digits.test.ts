/** counterDigits: the text of each number, as Number#toString writes it (padded), for numbers in a row and out of order. */
import { describe, expect, it } from 'vitest';
import { counterDigits } from '../../../src/mock/jobs/digits.js';

describe('counterDigits', () => {
  it('writes every number of a run across block edges, as toString does', () => {
    for (const [radix, width, start] of [[10, 0, 100_000], [16, 12, 0xfff000], [10, 0, 0], [16, 12, 0]] as const) {
      const digits = counterDigits(radix, width);
      for (let n = start; n < start + 10_000; n++) expect(digits(n), `${radix} ${n}`).toBe(n.toString(radix).padStart(width, '0'));
    }
  });

  it('writes numbers out of order, large and odd ones as toString does', () => {
    const decimal = counterDigits(10);
    const hex = counterDigits(16, 12);
    const numbers = [999, 1_000, 1_001, 5, 999_999_999, 1_000_000_000, 2 ** 47, 2 ** 48 - 1, Number.MAX_SAFE_INTEGER, 123_456_789, 1e21, -1, 1.5];
    for (const n of numbers) {
      expect(decimal(n), String(n)).toBe(n.toString(10));
      expect(hex(n), String(n)).toBe(n.toString(16).padStart(12, '0'));
    }
  });
});
