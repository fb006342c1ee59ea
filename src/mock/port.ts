/**
 * A TCP port from `PORT` or `startMock({ port })`: a decimal integer from 0 to 65535 (0 picks a free
 * port), given as a number or as digits only. Anything else (`'80abc'`, `'0x50'`, `1e3` as text,
 * `-1`, `8080.5`, `' 80'`) is refused with an error naming `what` and the value, before anything starts.
 */
export function parsePort(value: unknown, what: string): number {
  const port = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    const shown = typeof value === 'string' ? `'${value}'` : String(value);
    throw new RangeError(`${what} must be a port number from 0 to 65535 (decimal digits), not ${shown}`);
  }
  return port;
}
