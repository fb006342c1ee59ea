import { createRequire, Module } from 'node:module';
import type { IHttpConfig, IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpOperation } from '@stoplight/types';

/**
 * Prism's HTTP library, loaded on demand. These packages are optional peer dependencies (only users
 * of the mock install them), pinned to the versions `@stoplight/prism-cli` 5.14.2 ships with, the
 * last Prism release that runs on Node 20 (TOOLCHAIN.md).
 */
export const PRISM_PACKAGES = {
  '@stoplight/prism-http': '5.12.0',
  '@stoplight/prism-core': '5.8.0',
  '@stoplight/prism-http-server': '5.12.2',
} as const;

export type Operation = IHttpOperation;
/** fp-ts's Either, the shape Prism's functions return. */
export type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };
export type Diagnostic = IPrismDiagnostic;
export type PrismInput = IHttpRequest;
export type PrismOutput = IHttpResponse;
export type MockConfig = IHttpConfig['mock'];
export interface PrismResult {
  output: PrismOutput;
  validations: { input: Diagnostic[]; output: Diagnostic[] };
}
/** Prism's own errors (no route, unknown example, ...): an Error with a problem+json type URL as its name. */
export interface PrismProblem extends Error {
  status?: number;
  detail?: string;
}

export interface PrismLibrary {
  /** Prism's reading of an OpenAPI document into operations. */
  operations(document: string): Promise<Operation[]>;
  /** Prism's router: the operation a request is for, or Prism's 404/405 problem. */
  route(operations: Operation[], input: PrismInput): Either<PrismProblem, Operation>;
  /** Security check, validation and the documented response, for one operation. */
  request(operation: Operation, input: PrismInput, mock: MockConfig): Promise<Either<PrismProblem, PrismResult>>;
  /** Prism's reading of `Prefer` (`code=`, `example=`, `dynamic=`), or its 422 problem. */
  preferences(input: PrismInput): Either<PrismProblem, Partial<MockConfig>>;
  /** Prism's serialisation of a response body for its Content-Type. */
  serialize(body: unknown, contentType: string | undefined): string | undefined;
}

/**
 * Loads Prism's library. The router, `Prefer` reader and serialiser are not in the packages' entry
 * points, so they are loaded from the files Prism's own server uses (exact versions are pinned).
 *
 * @param from where to resolve from (a file URL or path); this module's location by default.
 */
export function loadPrism(from: string | URL = import.meta.url): PrismLibrary {
  const require = createRequire(from);
  let http: typeof import('@stoplight/prism-http');
  let undefer: (() => void) | undefined;
  try {
    undefer = deferFaker(require);
    http = require('@stoplight/prism-http') as typeof http;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    const install = Object.entries(PRISM_PACKAGES).map(([name, version]) => `${name}@${version}`).join(' ');
    throw new Error(`The mock runs Prism's library, which is not installed. Install it next to this package: npm install -D ${install}`);
  } finally {
    undefer?.();
  }
  const { createLogger } = require('@stoplight/prism-core') as typeof import('@stoplight/prism-core');
  const router = (require('@stoplight/prism-http/dist/router') as { default: RouteFn }).default;
  const { getHttpConfigFromRequest } = require('@stoplight/prism-http-server/dist/getHttpConfigFromRequest') as {
    getHttpConfigFromRequest(input: PrismInput): Either<PrismProblem, Partial<MockConfig>>;
  };
  const { serialize } = require('@stoplight/prism-http-server/dist/serialize') as { serialize: PrismLibrary['serialize'] };

  // Prism's log is never shown.
  const logger = createLogger('mock', { enabled: false });
  const prism = http.createInstance(
    { validateRequest: true, validateResponse: false, checkSecurity: true, errors: false, upstreamProxy: undefined, isProxy: false, mock: { dynamic: false } },
    { logger },
  );
  return {
    operations: (document) => http.getHttpOperationsFromSpec(document),
    route: (operations, input) => router({ resources: operations, input }),
    // Prism's mocker writes the request's Accept into the config it is given (config.mediaTypes)
    // and reads it back on later requests: each request gets a config object of its own.
    request: (operation, input, mock) =>
      prism.request(input, [operation], { validateRequest: true, validateResponse: false, checkSecurity: true, errors: false, upstreamProxy: undefined, isProxy: false, mock: { ...mock } })(),
    preferences: (input) => getHttpConfigFromRequest(input),
    serialize,
  };
}

type RouteFn = (opts: { resources: Operation[]; input: PrismInput }) => Either<PrismProblem, Operation>;

/**
 * Prism's mocker requires faker (with its 58 locales) when it loads, for dynamic responses only,
 * which the mock refuses (`Prefer: dynamic=true` is a 422). While Prism loads, the module cache
 * holds a stand-in for faker that loads the real one the first time anything reads from it;
 * afterwards the stand-in leaves the cache, so any other code that requires faker gets faker itself.
 * Kept for the mock's start-up (bench/README.md, "start"): loading faker doubles its time to the first answer.
 *
 * @returns a function that takes the stand-in out of the module cache
 */
function deferFaker(require: NodeJS.Require): () => void {
  let path: string;
  let load: NodeJS.Require;
  try {
    load = createRequire(require.resolve('@stoplight/prism-http/dist/mocker/generator/JSONSchema.js'));
    path = load.resolve('@faker-js/faker');
  } catch {
    return () => {}; // Prism moved or dropped it: nothing to defer
  }
  if (require.cache[path]) return () => {}; // loaded already: nothing to save
  type Loose = Record<string | symbol, unknown>;
  let real: Loose | undefined;
  const faker = (): Loose => {
    if (require.cache[path] === standIn) delete require.cache[path];
    return (real ??= load('@faker-js/faker') as Loose);
  };
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  // json-schema-faker reads Prism's `faker.default` as Prism loads, and keeps it for later: that
  // instance is a stand-in too.
  const fakerDefault = lazy(() => faker()['default'] as object);
  standIn.exports = lazy(faker, { default: fakerDefault });
  require.cache[path] = standIn;
  return () => {
    if (require.cache[path] === standIn) delete require.cache[path];
  };
}

/**
 * An object that is `value()` (read once, on first use) for every operation on it, except that
 * reading a key of `known` answers without reading `value()`.
 */
function lazy(value: () => object, known: Record<string, unknown> = {}): object {
  let target: object | undefined;
  const real = () => (target ??= value());
  return new Proxy({}, {
    get: (_, key) => (typeof key === 'string' && Object.hasOwn(known, key) ? known[key] : Reflect.get(real(), key)),
    set: (_, key, v) => Reflect.set(real(), key, v),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
