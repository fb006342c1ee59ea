/**
 * Node.js binaries of other versions, from the npm registry (the `node-<platform>-<arch>` packages hold the
 * official builds), kept in node_modules/.cache/node-versions/ so that only the first run downloads them.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CACHE = new URL('../../node_modules/.cache/node-versions/', import.meta.url).pathname;

/** The path of `node` at `version` (e.g. `22.12.0`), downloaded once. */
export async function nodeBinary(version: string): Promise<string> {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`not a Node.js version: ${version}`);
  const binary = join(CACHE, version, 'node');
  if (existsSync(binary)) return binary;
  await mkdir(CACHE, { recursive: true });
  const scratch = await mkdtemp(join(CACHE, `.${version}-`));
  try {
    const name = `node-${process.platform}-${process.arch}@${version}`;
    const { stdout } = await run('npm', ['pack', name, '--silent', '--pack-destination', scratch], { cwd: scratch });
    await run('tar', ['-xzf', join(scratch, stdout.trim()), '-C', scratch, 'package/bin/node']);
    await mkdir(join(CACHE, version), { recursive: true });
    await rename(join(scratch, 'package', 'bin', 'node'), binary);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return binary;
}
