/**
 * The README's commands, run the way a newcomer runs them: each fenced `sh` block in an empty directory of its own
 * (all side by side), as `sh -e`, with only the placeholders replaced: `<repository URL>` by a bare clone of this
 * commit (`file://`), the tarballs `./huaweicloud-job-actions[-mock]-<version>.tgz` by the ones the global setup
 * packed, and the mock's port 4010 by a free one (given to the mock as PORT, as the README says to). A code block
 * whose first line names a file (`// upgrade.test.mjs`) is written into the directory of each `sh` block after it
 * in the same section, as a reader saves it. Each block that runs must keep its promise, checked below (exit 0, a
 * file, an answer from the mock). A block preceded by `<!-- readme-test: skip (why) -->` is not run, and the list of
 * those is checked, so nothing is left out silently.
 *
 * The TypeScript blocks of the README, the guides in docs/ and the mock package's README type-check (strict) in a
 * new project that installed both tarballs, and their JavaScript blocks parse.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newProject, run, type Project } from './project.js';

const root = new URL('../../', import.meta.url).pathname;
const packed = inject('packed');
const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;

interface Block {
  /** The Markdown file, relative to the repository. */
  source: string;
  /** Line of the opening fence. */
  line: number;
  lang: string;
  text: string;
  /** The nearest `##` or `###` heading above it. */
  section: string;
  /** Why it is not run, from the marker before it. */
  skip?: string | undefined;
}

const SKIP_MARKER = /^<!-- readme-test: skip \((.+)\) -->$/;

/** The fenced code blocks of a Markdown file, with their section and skip marker. */
function codeBlocks(source: string, markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)\s*$/.exec(lines[i]!);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
      if (i === lines.length) throw new Error(`${source}:${start + 1}: a code block is not closed`);
      let before = start - 1;
      while (before >= 0 && lines[before]!.trim() === '') before--;
      const skip = before >= 0 ? SKIP_MARKER.exec(lines[before]!)?.[1] : undefined;
      blocks.push({ source, line: start + 1, lang: fence[1]!, text: `${body.join('\n')}\n`, section, skip });
    } else if (/^#{2,3} /.test(lines[i]!)) {
      section = lines[i]!.replace(/^#+ /, '');
    }
  }
  return blocks;
}

/** The file a code block is meant to be saved as, when its first line names one. */
const savedAs = (block: Block): string | undefined =>
  ['js', 'mjs', 'ts'].includes(block.lang) ? /^\/\/ ([\w./-]+\.(?:mjs|js|ts))\n/.exec(block.text)?.[1] : undefined;

const README = readFileSync(join(root, 'README.md'), 'utf8');
const readmeBlocks = codeBlocks('README.md', README);
const shBlocks = readmeBlocks.filter((block) => block.lang === 'sh');
const runnable = shBlocks.filter((block) => block.skip === undefined);

const CLIENT_TARBALL = `./${basename(packed.client.file)}`;
const MOCK_TARBALL = `./${basename(packed.mock.file)}`;

interface BlockRun {
  block: Block;
  dir: string;
  /** The shell's PID, which is also its process group's ID. */
  pid: number | undefined;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What each block of the README promises, found by its text; every block that runs must match exactly one. */
const PROMISES: { name: string; matches: (text: string) => boolean; check: (run: BlockRun) => Promise<void> | void }[] = [
  {
    name: 'installs the client from git, built, and it imports',
    matches: (text) => text.includes('npm install "git+<repository URL>"'),
    async check({ dir }) {
      expect(existsSync(join(dir, 'node_modules', 'huaweicloud-job-actions', 'dist', 'index.js'))).toBe(true);
      expect(await importIn(dir, 'huaweicloud-job-actions', 'createCseClient')).toBe('function');
    },
  },
  {
    name: 'installs the client from its tarball, and it imports',
    matches: (text) => text.trim() === `npm install ${CLIENT_TARBALL}`,
    async check({ dir }) {
      expect(await importIn(dir, 'huaweicloud-job-actions', 'createCseClient')).toBe('function');
    },
  },
  {
    name: 'runs the mock in the background, which answers an action with a fresh job, then stops by its printed PID',
    matches: (text) => text.includes('huaweicloud-job-actions-mock > mock.log'),
    async check({ stdout, dir }) {
      expect(stdout).toMatch(/\{"job_id":"JOB[0-9a-f-]{36}"\}/);
      const pid = mockPid(dir);
      expect(pid).toBeGreaterThan(0);
      expect(await exited(pid!)).toBe(true);
    },
  },
  {
    name: "installs both packages and Node's test runner passes the test file that uses startMock",
    matches: (text) => text.includes('node --test upgrade.test.mjs'),
    check({ stdout }) {
      expect(stdout).toMatch(/^# pass [1-9]/m);
      expect(stdout).toMatch(/^# fail 0$/m);
    },
  },
  {
    name: "generates types from the CSE bundle read in the installed package",
    matches: (text) => text.includes('openapi-typescript') && text.includes('generated/cse.openapi.json'),
    async check({ dir }) {
      expect(await readFile(join(dir, 'cse.d.ts'), 'utf8')).toContain('"/v2/{project_id}/enginemgr/engines/{engine_id}/actions"');
    },
  },
];

/** `typeof (await import(name))[name]` in a project directory. */
async function importIn(dir: string, name: string, member: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `console.log(typeof (await import(${JSON.stringify(name)}))[${JSON.stringify(member)}])`], { cwd: dir });
  return stdout.trim();
}

/** The PID the mock printed into mock.log (`..., pid 1234`). */
function mockPid(dir: string): number | undefined {
  const log = join(dir, 'mock.log');
  const found = existsSync(log) ? /, pid (\d+)$/m.exec(readFileSync(log, 'utf8')) : null;
  return found ? Number(found[1]) : undefined;
}

/** Whether the process has exited within a few seconds. */
async function exited(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 50; tries++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let scratch: string;
let repositoryUrl: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'readme-'));
  const bare = join(scratch, 'huaweicloud-job-actions.git');
  await run('git', ['clone', '--quiet', '--bare', '--no-local', root, bare]);
  repositoryUrl = `file://${bare}`;
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The block as the newcomer's shell gets it: the placeholders replaced, nothing else. */
function substituted(text: string, port: number): string {
  return text
    .replaceAll('<repository URL>', repositoryUrl)
    .replaceAll(MOCK_TARBALL, packed.mock.file)
    .replaceAll(CLIENT_TARBALL, packed.client.file)
    .replaceAll('127.0.0.1:4010', `127.0.0.1:${port}`);
}

/** Runs a block with `sh -e` in `dir`, in a process group of its own (so that whatever it leaves running can be stopped). */
async function runBlock(block: Block, dir: string): Promise<BlockRun> {
  const port = await freePort();
  const child = spawn('sh', ['-e', '-c', substituted(block.text, port)], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // PORT: the free port the 4010 of the block became. The rest as this suite's installs (project.ts): npm's
    // cache first, and no audit (the registry here does not answer it).
    env: { ...process.env, PORT: String(port), npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { block, dir, pid: child.pid, code, stdout, stderr };
}

/** Stops what a block left running (after a failure): its own process group, and the mock by the PID it printed. */
function stopLeftovers(run: BlockRun) {
  for (const pid of [run.pid && -run.pid, mockPid(run.dir)]) {
    if (!pid) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens; a repeated one gets -1, -2... */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of markdown.replace(/^```[\s\S]*?^```$/gm, '').split('\n')) {
    const heading = /^#{1,6} (.*)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading.toLowerCase().trim().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}

describe('the README names what a newcomer has', () => {
  it('links every guide in docs/, and every relative link of the README and the guides lands on a file and a heading', () => {
    const guides = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
    expect(guides.filter((guide) => !README.includes(`](docs/${guide})`))).toEqual([]);
    const broken: string[] = [];
    for (const source of ['README.md', 'CHANGELOG.md', 'packages/mock/README.md', ...guides.map((guide) => `docs/${guide}`)]) {
      const markdown = readFileSync(join(root, source), 'utf8');
      for (const [, target] of markdown.replace(/^```[\s\S]*?^```$/gm, '').matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, anchor] = target!.split('#');
        const file = path ? join(root, dirname(source), path) : join(root, source);
        if (!existsSync(file)) broken.push(`${source}: ${target} (no such file)`);
        else if (anchor && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${source}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("names the tarballs of this version only (the release's version bump must update them)", () => {
    const named = [...README.matchAll(/huaweicloud-job-actions(?:-mock)?-\d+\.\d+\.\d+\.tgz/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set([CLIENT_TARBALL, MOCK_TARBALL].map((name) => name.slice(2))));
    expect(basename(packed.client.file)).toBe(`huaweicloud-job-actions-${pkg.version}.tgz`);
  });

  it('runs every sh block but the ones marked, each with its reason; no marker stands anywhere else', () => {
    const skipped = shBlocks.filter((block) => block.skip !== undefined);
    expect(skipped.map((block) => [block.text.split('\n')[0], block.skip])).toEqual([
      // What the global setup does (clean-pack.ts), from a clean copy of this commit: run once for the whole suite.
      ['git clone <repository URL> huaweicloud-job-actions', expect.stringMatching(/pack both packages the same way/)],
      ['bash scripts/setup.sh && npm run build', expect.stringMatching(/Debian packages/)],
    ]);
    expect(skipped[0]!.text).toContain('npm pack --workspaces --include-workspace-root');
    expect(README.split('\n').filter((line) => line.startsWith('<!-- readme-test')).length).toBe(skipped.length);
    expect(runnable.length).toBeGreaterThanOrEqual(PROMISES.length);
  });

  it.for(runnable.map((block) => [`README.md:${block.line}`, block] as const))('%s has exactly one promise to check', ([, block]) => {
    expect(PROMISES.filter((promise) => promise.matches(block.text)).map((promise) => promise.name)).toHaveLength(1);
  });
});

/** Every guide users read whose code is checked here. */
const GUIDES = ['README.md', 'packages/mock/README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const allBlocks = GUIDES.flatMap((source) => codeBlocks(source, readFileSync(join(root, source), 'utf8')));
/** A block's file in the code project: its Markdown file and line. */
const fileName = (block: Block) => `${block.source.replace(/[/.]/g, '-')}-${block.line}`;

/** A strict TypeScript project with both packages, for the guides' code; made once, beside the sh blocks. */
let codeProject: Promise<Project> | undefined;
const project = () =>
  (codeProject ??= newProject('readme-code', [
    packed.client.file,
    packed.mock.file,
    `typescript@${pkg.devDependencies.typescript}`,
    `@types/node@${pkg.devDependencies['@types/node']}`,
    `vitest@${pkg.devDependencies.vitest}`,
  ]));
afterAll(async () => (await codeProject)?.remove());

// One concurrent suite: the sh blocks and the code checks all wait on child processes (npm, git, tsc, the mock).
describe.concurrent("the README's sh blocks, each in an empty directory, and the guides' code", () => {
  it.for(runnable.map((block) => [`README.md:${block.line} (${block.section})`, block] as const))('%s', async ([, block], { expect }) => {
    const dir = await mkdtemp(join(scratch, 'block-'));
    for (const file of readmeBlocks.filter((b) => b.section === block.section && b.line < block.line && savedAs(b))) {
      await writeFile(join(dir, savedAs(file)!), file.text);
    }
    const promise = PROMISES.find((p) => p.matches(block.text))!;
    let result: BlockRun | undefined;
    try {
      result = await runBlock(block, dir);
      expect(result.code, `exit code; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(0);
      await promise.check(result);
    } finally {
      if (result) stopLeftovers(result);
    }
  });

  it('TypeScript: each block of the README and the guides type-checks, strict, against both installed packages', async ({ expect }) => {
    const { dir } = await project();
    const ts = allBlocks.filter((block) => block.lang === 'ts');
    expect(ts.length).toBeGreaterThan(10);
    // Each block a module of its own, as in the file a reader pastes it into.
    await Promise.all(ts.map((block) => writeFile(join(dir, `${fileName(block)}.ts`), `${block.text}export {};\n`)));
    const tsc = join(dir, 'node_modules', '.bin', 'tsc');
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--skipLibCheck'];
    const output = await run(tsc, [...args, ...ts.map((block) => `${fileName(block)}.ts`)], { cwd: dir, maxBuffer: 16 << 20 }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    // Each error named by its line in the Markdown file.
    const located = output.replace(/^([\w-]+)-(\d+)\.ts\((\d+),(\d+)\)/gm, (found: string, file: string, line: string, row: string) => {
      const block = ts.find((b) => fileName(b) === `${file}-${line}`);
      return block ? `${block.source}:${block.line + Number(row)}` : found;
    });
    expect(located).toBe('');
  });

  it('JavaScript: each block of the README and the guides parses as an ES module', async ({ expect }) => {
    const { dir } = await project();
    const js = allBlocks.filter((block) => ['js', 'mjs'].includes(block.lang));
    expect(js.length).toBeGreaterThan(0);
    for (const block of js) {
      const file = join(dir, `${fileName(block)}.mjs`);
      await writeFile(file, block.text);
      await expect(run(process.execPath, ['--check', file]), `${block.source}:${block.line}`).resolves.toBeDefined();
    }
  });

  it('every code block is in a language these checks know (a `typescript` fence would escape them), or plain text', ({ expect }) => {
    const langs = new Set(allBlocks.map((block) => block.lang));
    expect([...langs].filter((lang) => !['ts', 'js', 'mjs', 'sh', 'markdown', ''].includes(lang))).toEqual([]);
  });
});
