/**
 * Packs the package the way a fresh clone does: the repository's files (committed and changed, none
 * that git ignores, so no dist/, .wireit/ or tsc cache) copied into a temporary folder and
 * `npm pack`ed there, so `prepack` has to build what the tarball needs. The working tree's own
 * build output is never read or written. The copy's node_modules/ links each installed package
 * of the repository's (its .cache/ is its own).
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CleanPack {
  /** The temporary folder holding `clone/`, the tarball and anything a test adds. */
  dir: string;
  clone: string;
  tarball: string;
  /** Paths inside the tarball, sorted. */
  files: string[];
  /** What `npm pack` printed (prepack's build log included). */
  log: string;
  remove(): Promise<void>;
}

export async function cleanPack(root: string): Promise<CleanPack> {
  const dir = await mkdtemp(join(tmpdir(), 'clean-pack-'));
  const clone = join(dir, 'clone');
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 16 << 20 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(clone, file)), { recursive: true });
    // A file deleted in the working tree but still in the index is not copied.
    await cp(join(root, file), join(clone, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  await mkdir(join(clone, 'node_modules'));
  for (const entry of await readdir(join(root, 'node_modules'))) {
    if (entry !== '.cache') await symlink(join(root, 'node_modules', entry), join(clone, 'node_modules', entry));
  }
  // CI=true: wireit caches nothing (WIREIT_CACHE defaults to none), as on a CI runner.
  const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: clone,
    env: { ...process.env, CI: 'true', WIREIT_LOGGER: 'simple' },
    maxBuffer: 16 << 20,
  });
  const [result] = JSON.parse(packed.stdout.slice(packed.stdout.lastIndexOf('[\n  {'))) as [{ filename: string; files: { path: string }[] }];
  return {
    dir,
    clone,
    tarball: join(dir, result.filename),
    files: result.files.map((file) => file.path).sort(),
    log: packed.stdout + packed.stderr,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
