/**
 * `Retry-After` (RFC 9110, section 10.2.3): delay-seconds (one or more digits) or an HTTP-date in
 * any of its three forms. Nothing else counts: `Date.parse` would read `1.5`, `-1` or two merged
 * headers (`1, 2`) as dates in 2001, which turned garbage into "retry now".
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate, what servers send). */
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete RFC 850 form; recipients must still accept it). */
const RFC850 = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` (obsolete asctime form, UTC). */
const ASCTIME = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/**
 * `Retry-After` in milliseconds from `now`, or undefined when the header is absent or is neither
 * delay-seconds nor an HTTP-date. A date in the past gives 0.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  // Seconds beyond any sane wait stay a (large, finite) number: they end the retries all the same.
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, Number.MAX_SAFE_INTEGER);
  const date = httpDate(value, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** An HTTP-date as epoch milliseconds, or undefined when `text` is not one (or names no real day). */
export function httpDate(text: string, now: number = Date.now()): number | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m) return utc(Number(m[3]), m[2]!, m[1]!, m.slice(4));
  m = RFC850.exec(text);
  if (m) return utc(fullYear(Number(m[3]), now), m[2]!, m[1]!, m.slice(4));
  m = ASCTIME.exec(text);
  if (m) return utc(Number(m[6]), m[1]!, m[2]!, m.slice(3, 6));
  return undefined;
}

function utc(year: number, month: string, day: string, [h, min, s]: string[]): number | undefined {
  const [hour, minute, second, date] = [Number(h), Number(min), Number(s), Number(day)];
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const monthIndex = MONTHS.indexOf(month);
  // Date.UTC rolls 31 Feb over into March: such a day does not exist.
  if (new Date(Date.UTC(year, monthIndex, date)).getUTCDate() !== date) return undefined;
  return Date.UTC(year, monthIndex, date, hour, minute, second);
}

/** RFC 9110: a two-digit year more than 50 years ahead is the most recent past year ending so. */
function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  let year = current - (current % 100) + twoDigits;
  if (year > current + 50) year -= 100;
  return year;
}
