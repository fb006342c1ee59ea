/** Argument checks for JavaScript callers, whose mistakes the types cannot catch. */

/** A short description of a bad value for an error message. Never pass it a secret. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
}

/** The value, if it is a non-empty string; otherwise a TypeError naming `where`. */
export function nonEmpty(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${where} must be a non-empty string (got ${shown(value)})`);
  }
  return value;
}

/** The value, if it is undefined or a non-empty string. */
export function optionalNonEmpty(value: unknown, where: string): string | undefined {
  return value === undefined ? undefined : nonEmpty(value, where);
}

/** The value, if it is undefined or a positive finite number (milliseconds, counts). */
export function optionalPositive(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${where} must be a positive number (got ${shown(value)})`);
  }
  return value;
}

/** The arguments object of an operation function. */
export function argsOf<T>(args: T, fn: string): T {
  if (typeof args !== 'object' || args === null) throw new TypeError(`${fn}: expects an object of arguments`);
  return args;
}
