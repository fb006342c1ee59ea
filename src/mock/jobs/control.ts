/**
 * The per-request control of a simulated job: the `X-Mock-Job` header on an action request.
 *
 *     X-Mock-Job: succeed; polls=3
 *     X-Mock-Job: fail; code=WKS.00010025; message="The desktop agent did not respond."; polls=0
 *
 * The first item is the outcome (`succeed` or `fail`); then `;`-separated parameters, each at most
 * once: `polls` (status polls answered "running" before the outcome), and for `fail` only `code`
 * and `message`. The header is input from outside, so it is read strictly and bounded; whatever is
 * wrong is reported by name, never ignored.
 */
import type { Outcome } from '../options.js';

export interface JobControl {
  outcome: Outcome;
  polls?: number;
  code?: string;
  message?: string;
}

export const CONTROL_HEADER = 'x-mock-job';
export const MAX_POLLS = 10_000;
export const MAX_HEADER = 2_048;
export const MAX_MESSAGE = 1_024;
/** Error codes as the provider writes them (`WKS.00010025`, `SVCSTG.00100400`): at most 64 characters. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const NAME = /^[A-Za-z]+$/;
const PARAMETERS = ['polls', 'code', 'message'] as const;

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = (reason: string): Read<never> => ({ ok: false, reason: `header.x-mock-job: ${reason}` });

/** Parses the header's value (as Node joined it: a repeated header arrives as one value with ", "). */
export function readControl(raw: string): Read<JobControl> {
  if (raw.length > MAX_HEADER) return fail(`longer than ${MAX_HEADER} characters`);
  // Only printable ASCII and spaces: no control bytes (TAB included), no DEL, nothing outside ASCII.
  const bad = /[^\x20-\x7e]/.exec(raw);
  if (bad) return fail(`contains a control or non-ASCII character (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at ${bad.index}`);
  const items = split(raw);
  if (!items.ok) return items;
  const [first, ...rest] = items.value;
  const outcome = first!.toLowerCase();
  if (outcome !== 'succeed' && outcome !== 'fail') return fail(`must start with succeed or fail (got ${quote(first!)})`);
  const control: JobControl = { outcome };
  for (const item of rest) {
    const at = item.indexOf('=');
    const name = (at < 0 ? item : item.slice(0, at)).trim().toLowerCase();
    if (!NAME.test(name) || !(PARAMETERS as readonly string[]).includes(name)) return fail(`unknown parameter ${quote(name)}; known: ${PARAMETERS.join(', ')}`);
    if (at < 0) return fail(`${name} needs a value (${name}=...)`);
    if (control[name as keyof JobControl] !== undefined) return fail(`${name} given more than once`);
    const value = unquote(item.slice(at + 1).trim(), name);
    if (!value.ok) return value;
    const checked = parameter(name as (typeof PARAMETERS)[number], value.value);
    if (!checked.ok) return checked;
    Object.assign(control, checked.value);
  }
  if (outcome === 'succeed' && (control.code !== undefined || control.message !== undefined)) {
    return fail('code and message go with fail only');
  }
  return { ok: true, value: control };
}

function parameter(name: (typeof PARAMETERS)[number], value: string): Read<Partial<JobControl>> {
  switch (name) {
    case 'polls':
      if (!/^[0-9]{1,6}$/.test(value) || Number(value) > MAX_POLLS) return fail(`polls must be a whole number from 0 to ${MAX_POLLS} (got ${quote(value)})`);
      return { ok: true, value: { polls: Number(value) } };
    case 'code':
      if (!CODE.test(value)) return fail(`code must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (got ${quote(value)})`);
      return { ok: true, value: { code: value } };
    case 'message':
      if (value.trim() === '') return fail('message must not be empty');
      if (value.length > MAX_MESSAGE) return fail(`message longer than ${MAX_MESSAGE} characters`);
      return { ok: true, value: { message: value } };
  }
}

/**
 * Splits at `;` outside quoted strings. A `,` outside quotes means the header was sent more than
 * once (Node joins repeats with ", ") or holds a list: both are refused, since one action starts one job.
 */
function split(raw: string): Read<string[]> {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quoted) {
      current += c;
      if (c === '\\') current += raw[++i] ?? '';
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
      current += c;
    } else if (c === ';') {
      items.push(current.trim());
      current = '';
    } else if (c === ',') {
      return fail('given more than once, or as a list (a "," outside quotes); send one X-Mock-Job per action request');
    } else current += c;
  }
  if (quoted) return fail('a quoted string is not closed');
  items.push(current.trim());
  if (items[0] === '') return fail('empty; expected succeed or fail, then ;-separated parameters');
  const empty = items.findIndex((item) => item === '');
  if (empty > 0) return fail(`empty item after the ${ordinal(empty)} ";"`);
  return { ok: true, value: items };
}

/** A token as is, or an RFC 9110 quoted-string (`\"` and `\\` escapes). */
function unquote(value: string, name: string): Read<string> {
  if (!value.startsWith('"')) {
    if (/[\s"\\]/.test(value)) return fail(`${name}: quote a value with spaces, quotes or backslashes ("...")`);
    return { ok: true, value };
  }
  if (value.length < 2 || !value.endsWith('"')) return fail(`${name}: text after the closing quote`);
  let out = '';
  for (let i = 1; i < value.length - 1; i++) {
    const c = value[i]!;
    if (c === '"') return fail(`${name}: text after the closing quote`);
    out += c === '\\' ? value[++i]! : c;
  }
  return { ok: true, value: out };
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
