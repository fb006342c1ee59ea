import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The Prism release the mock is tested with (TOOLCHAIN.md: 5.15+ needs Node 24). */
export const PRISM_PACKAGE = '@stoplight/prism-cli';
export const PRISM_VERSION = '5.14.2';

/**
 * Path of the `prism` command's script in the installed `@stoplight/prism-cli`. Prism is an
 * optional peer dependency: only users of the mock install it, so a missing install gets an
 * error that says what to install rather than a bare MODULE_NOT_FOUND.
 *
 * @param from where to resolve from (a file URL or path); the package's own location by default.
 */
export function resolvePrismCli(from: string | URL = import.meta.url): string {
  let manifestPath: string;
  try {
    manifestPath = createRequire(from).resolve(`${PRISM_PACKAGE}/package.json`);
  } catch {
    throw new Error(
      `The mock runs Prism, which is not installed. Install it next to this package: ` +
        `npm install -D ${PRISM_PACKAGE}@${PRISM_VERSION}`,
    );
  }
  const manifest = createRequire(from)(manifestPath) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['prism'];
  if (!bin) throw new Error(`${PRISM_PACKAGE} at ${dirname(manifestPath)} declares no "prism" command`);
  return join(dirname(manifestPath), bin);
}
