/**
 * Packs both packages the way a fresh clone does: the repository's files (committed and changed, none
 * that git ignores, so no dist/, .wireit/ or tsc cache) copied into a temporary folder and packed there
 * with `npm pack --workspaces --include-workspace-root`, so each package's `prepack` has to build what
 * its tarball needs. The working tree's own build output is never read or written. The copy's
 * node_modules/ links each installed package of the repository's (its .cache/ is its own), and the
 * workspace's link points at the copy's packages/mock/.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Tarball {
  name: string;
  /** Absolute path of the .tgz. */
  file: string;
  /** Paths inside the tarball, sorted. */
  files: string[];
}

export interface CleanPack {
  /** The temporary folder holding `clone/` and the tarballs. */
  dir: string;
  clone: string;
  client: Tarball;
  mock: Tarball;
  /** What `npm pack` printed (the prepack builds' logs included). */
  log: string;
  remove(): Promise<void>;
}

export const CLIENT_PACKAGE = 'huaweicloud-job-actions';
export const MOCK_PACKAGE = 'huaweicloud-job-actions-mock';

/** Copies what git sees of `root` (tracked and untracked-but-not-ignored files) into `target`. */
export async function copyWorkingTree(root: string, target: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 16 << 20 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    // A file deleted in the working tree but still in the index is not copied.
    await cp(join(root, file), join(target, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

export async function cleanPack(root: string): Promise<CleanPack> {
  const dir = await mkdtemp(join(tmpdir(), 'clean-pack-'));
  const clone = join(dir, 'clone');
  await copyWorkingTree(root, clone);
  await mkdir(join(clone, 'node_modules'));
  for (const entry of await readdir(join(root, 'node_modules'))) {
    if (entry === '.cache' || entry === MOCK_PACKAGE) continue;
    await symlink(join(root, 'node_modules', entry), join(clone, 'node_modules', entry));
  }
  await symlink(join(clone, 'packages', 'mock'), join(clone, 'node_modules', MOCK_PACKAGE));
  // CI=true: wireit caches nothing (WIREIT_CACHE defaults to none), as on a CI runner.
  const packed = await run('npm', ['pack', '--json', '--workspaces', '--include-workspace-root', '--pack-destination', dir], {
    cwd: clone,
    env: { ...process.env, CI: 'true', WIREIT_LOGGER: 'simple' },
    maxBuffer: 16 << 20,
  });
  const results = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[\n  {'))) as { name: string; filename: string; files: { path: string }[] }[];
  const tarball = (name: string): Tarball => {
    const result = results.find((r) => r.name === name);
    if (!result) throw new Error(`npm pack made no tarball of ${name}:\n${packed.stdout}`);
    return { name, file: join(dir, result.filename), files: result.files.map((file) => file.path).sort() };
  };
  return {
    dir,
    clone,
    client: tarball(CLIENT_PACKAGE),
    mock: tarball(MOCK_PACKAGE),
    log: packed.stdout + packed.stderr,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
