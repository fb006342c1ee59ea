/**
 * A user's new project in an empty temporary directory: `npm init`'s package.json (plus a module type),
 * then `npm install` of what the test names, as a user types it. Installs use the npm cache first
 * (`--prefer-offline`): the registry packages (Prism, TypeScript) are those this repository's `npm ci` fetched.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

export interface Project {
  dir: string;
  /** Runs `node --input-type=<type> -e <script>` in the project; resolves with its trimmed stdout and stderr. */
  node(script: string, options?: { type?: 'module' | 'commonjs'; node?: string; env?: NodeJS.ProcessEnv }): Promise<{ stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

export async function newProject(name: string, install: string[], type: 'module' | 'commonjs' = 'module'): Promise<Project> {
  const dir = await mkdtemp(join(tmpdir(), `${name}-`));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type, private: true }, null, 2));
  if (install.length) await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...install], { cwd: dir, maxBuffer: 16 << 20 });
  return {
    dir,
    async node(script, { type: inputType = 'module', node = process.execPath, env } = {}) {
      const { stdout, stderr } = await run(node, [`--input-type=${inputType}`, '-e', script], { cwd: dir, env: env ?? process.env });
      return { stdout: stdout.trim(), stderr: stderr.trim() };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
