/** The job simulation's defaults: `startMock({ jobs })` and the mock command's environment variables. */
import type { JobOptions, Outcome } from '../options.js';
import { MAX_POLLS } from './control.js';

export type JobSettings = Required<JobOptions>;

export const JOB_DEFAULTS: JobSettings = { polls: 2, outcome: 'succeed', limit: 10_000 };
export const MAX_LIMIT = 1_000_000;

const KEYS = ['polls', 'outcome', 'limit'];

/**
 * `startMock({ jobs })`: `false` turns the simulation off (every answer is the documented example,
 * as before it existed), an object sets its defaults. Anything else is a TypeError naming the field.
 */
export function jobSettings(value: unknown): JobSettings | undefined {
  if (value === false) return undefined;
  if (value === undefined || value === true) return { ...JOB_DEFAULTS };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`startMock({ jobs }) must be false or { polls?, outcome?, limit? } (got ${shown(value)})`);
  }
  const options = value as Record<string, unknown>;
  const unknown = Object.keys(options).filter((key) => !KEYS.includes(key));
  if (unknown.length) throw new TypeError(`startMock({ jobs }): unknown option ${unknown.join(', ')}; known: ${KEYS.join(', ')}`);
  return {
    polls: whole(options['polls'], JOB_DEFAULTS.polls, 0, MAX_POLLS, 'startMock({ jobs: { polls } })'),
    outcome: outcome(options['outcome'], 'startMock({ jobs: { outcome } })'),
    limit: whole(options['limit'], JOB_DEFAULTS.limit, 1, MAX_LIMIT, 'startMock({ jobs: { limit } })'),
  };
}

/**
 * The same from the mock command's environment: `MOCK_JOBS` (`on`, default, or `off`),
 * `MOCK_JOB_POLLS`, `MOCK_JOB_OUTCOME` and `MOCK_JOB_LIMIT`. Numbers must be decimal digits.
 */
export function jobSettingsFromEnv(env: Record<string, string | undefined>): JobSettings | undefined {
  const set = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const mode = set('MOCK_JOBS');
  if (mode !== undefined && mode !== 'on' && mode !== 'off') throw new Error(`MOCK_JOBS must be on or off (got ${shown(mode)})`);
  const digits = (name: string, min: number, max: number): number | undefined => {
    const text = set(name);
    if (text === undefined) return undefined;
    if (!/^[0-9]{1,7}$/.test(text) || Number(text) < min || Number(text) > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got ${shown(text)})`);
    return Number(text);
  };
  const polls = digits('MOCK_JOB_POLLS', 0, MAX_POLLS);
  const limit = digits('MOCK_JOB_LIMIT', 1, MAX_LIMIT);
  const chosen = set('MOCK_JOB_OUTCOME');
  if (chosen !== undefined && chosen !== 'succeed' && chosen !== 'fail') throw new Error(`MOCK_JOB_OUTCOME must be succeed or fail (got ${shown(chosen)})`);
  if (mode === 'off') {
    const given = ['MOCK_JOB_POLLS', 'MOCK_JOB_OUTCOME', 'MOCK_JOB_LIMIT'].filter((name) => set(name) !== undefined);
    if (given.length) throw new Error(`MOCK_JOBS=off turns the job simulation off, so ${given.join(', ')} would do nothing; unset ${given.length > 1 ? 'them' : 'it'}`);
    return undefined;
  }
  return { polls: polls ?? JOB_DEFAULTS.polls, outcome: (chosen as Outcome | undefined) ?? JOB_DEFAULTS.outcome, limit: limit ?? JOB_DEFAULTS.limit };
}

function whole(value: unknown, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be a whole number from ${min} to ${max} (got ${shown(value)})`);
  }
  return value;
}

function outcome(value: unknown, name: string): Outcome {
  if (value === undefined) return JOB_DEFAULTS.outcome;
  if (value !== 'succeed' && value !== 'fail') throw new TypeError(`${name} must be 'succeed' or 'fail' (got ${shown(value)})`);
  return value;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
