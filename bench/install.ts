/**
 * The install routes a user takes, timed side by side in one run, from an empty npm cache and from a warm one:
 * the client from git (`npm install git+<repository>`, which builds the package in `prepare`) and from its
 * tarball, and the mock's one command (`npx --yes --package <tarball> huaweicloud-job-actions-mock`) to its
 * first answer, against the peer a user would pick instead, Prism CLI 5.14.2 (`npx --yes
 * @stoplight/prism-cli@5.14.2 mock <bundle>`), serving the same bundle.
 *
 * "Cold" is a fresh, empty npm cache (every package downloaded from the registry); "warm" is the same route run
 * again with the cache the cold run filled (for npx, its install is then reused, as on a user's second run).
 * Each route runs in a new empty directory. Sizes: the tarball, and what the route leaves in node_modules (or in
 * npx's install).
 *
 * Usage: npm run bench -- install   (one cold and `warmRuns` warm runs per route)
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { attempt, REPO, run } from "./lib/command.js";
import { figure, type Figure } from "./lib/report.js";
import { median } from "./lib/stats.js";

const PRISM_CLI = "@stoplight/prism-cli@5.14.2";

interface Sample {
  ms: number;
  /** KiB on disk the route leaves behind (node_modules, or npx's install). */
  kib: number;
}

/** KiB used by a directory tree (`du -sk`). */
async function kibOf(path: string): Promise<number> {
  const { output } = await run(`du -sk '${path}'`);
  return Number(output.split("\t")[0]);
}

/** Runs `command` in a new empty project; returns its time and the size of the node_modules it made. */
async function installInto(command: string, cache: string): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), "bench-install-"));
  try {
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "bench-consumer", version: "1.0.0", type: "module", private: true }));
    const result = await attempt(command, dir, { npm_config_cache: cache });
    if (result.exit !== 0) throw new Error(`${command} failed (${result.exit}):\n${result.output.slice(-3000)}`);
    return { ms: result.ms, kib: await kibOf(join(dir, "node_modules")) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Starts `npx --yes <args>` in an empty directory and times it from the spawn to the first answer of the
 * server it starts (any HTTP status: the URL is read from the command's output), then stops it by its
 * process group. Returns the time and the size of npx's install in the cache.
 */
async function firstAnswer(args: string[], cache: string, urlPattern: RegExp, path: string): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), "bench-npx-"));
  const start = performance.now();
  const child = spawn("npx", ["--yes", ...args], {
    cwd: dir,
    detached: true,
    env: { ...process.env, npm_config_cache: cache, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 300 s:\n${output}`)), 300_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const found = urlPattern.exec(output);
        if (found) clearTimeout(timer), resolve(found[1]!);
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.once("exit", (code) => reject(new Error(`exited ${code} before listening:\n${output}`)));
    });
    for (;;) {
      const answered = await fetch(`${url}${path}`, { headers: { "X-Auth-Token": "t" } }).then(
        () => true,
        () => false,
      );
      if (answered) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const ms = performance.now() - start;
    return { ms, kib: await kibOf(join(cache, "_npx")) };
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await rm(dir, { recursive: true, force: true });
  }
}

interface Route {
  name: string;
  /** One measurement with the given npm cache. */
  sample(cache: string): Promise<Sample>;
}

export async function benchInstall({ warmRuns }: { warmRuns: number }, log: (line: string) => void): Promise<{ figures: Figure[]; details: unknown }> {
  const WARM_RUNS = warmRuns;
  const scratch = await mkdtemp(join(tmpdir(), "bench-routes-"));
  try {
    log("packing both packages (their prepare/prepack builds run) and cloning this commit");
    await run(`npm pack --workspaces --include-workspace-root --pack-destination '${scratch}' --silent`);
    const tarballs = (await readdir(scratch)).filter((f) => f.endsWith(".tgz"));
    const client = join(scratch, tarballs.find((f) => f.startsWith("huaweicloud-job-actions-0"))!);
    const mock = join(scratch, tarballs.find((f) => f.startsWith("huaweicloud-job-actions-mock-"))!);
    const repository = join(scratch, "repository.git");
    await run(`git clone --quiet --bare --no-local '${REPO}' '${repository}'`);
    const bundle = join(REPO, "generated", "openapi.json");

    const routes: Route[] = [
      { name: "client from git", sample: (cache) => installInto(`npm install --no-audit --no-fund 'git+file://${repository}'`, cache) },
      { name: "client from its tarball", sample: (cache) => installInto(`npm install --no-audit --no-fund '${client}'`, cache) },
      {
        name: "mock command (npx, tarball) to its first answer",
        sample: (cache) => firstAnswer(["--package", mock, "huaweicloud-job-actions-mock"], cache, /listening on (http:\/\/127\.0\.0\.1:\d+)/, "/v2/p/workspace-jobs/j"),
      },
      {
        name: "Prism CLI (npx) to its first answer",
        sample: (cache) => firstAnswer([PRISM_CLI, "mock", "-p", "0", bundle], cache, /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/, "/v2/p/workspace-jobs/j"),
      },
    ];

    const cold = new Map<string, Sample>();
    const warm = new Map<string, Sample[]>(routes.map((r) => [r.name, []]));
    const caches = new Map<string, string>();
    for (const route of routes) {
      const cache = join(scratch, `cache-${routes.indexOf(route)}`);
      await mkdir(cache);
      caches.set(route.name, cache);
      log(`cold: ${route.name}`);
      cold.set(route.name, await route.sample(cache));
    }
    // Warm runs interleaved, so that a slower minute of the machine falls on every route alike.
    for (let i = 0; i < WARM_RUNS; i++) {
      for (const route of routes) {
        log(`warm ${i + 1}/${WARM_RUNS}: ${route.name}`);
        warm.get(route.name)!.push(await route.sample(caches.get(route.name)!));
      }
    }

    const figures: Figure[] = [];
    for (const route of routes) {
      const warmMs = median(warm.get(route.name)!.map((s) => s.ms));
      figures.push(figure({ section: "install", name: `${route.name}, empty cache`, value: cold.get(route.name)!.ms / 1000, unit: "s", runs: 1 }));
      figures.push(figure({ section: "install", name: `${route.name}, warm cache`, value: warmMs / 1000, unit: "s", runs: WARM_RUNS }));
      figures.push(figure({ section: "install", name: `${route.name}: on disk`, value: cold.get(route.name)!.kib / 1024, unit: "MiB", runs: 1 }));
    }
    const ours = "mock command (npx, tarball) to its first answer";
    const peer = "Prism CLI (npx) to its first answer";
    figures.push(
      figure({
        section: "install",
        name: "mock command ÷ Prism CLI, first answer, warm cache",
        value: median(warm.get(ours)!.map((s) => s.ms)) / median(warm.get(peer)!.map((s) => s.ms)),
        unit: "×",
        runs: WARM_RUNS,
        target: { kind: "max", value: 1 },
      }),
      figure({
        section: "install",
        name: "mock command ÷ Prism CLI, first answer, empty cache",
        value: cold.get(ours)!.ms / cold.get(peer)!.ms,
        unit: "×",
        runs: 1,
        note: "both mostly download time",
      }),
    );
    for (const file of [client, mock]) {
      figures.push(figure({ section: "install", name: `tarball ${file.split("/").pop()}`, value: (await stat(file)).size / 1024, unit: "KiB", runs: 1 }));
    }
    const samples = (map: Map<string, Sample | Sample[]>) => Object.fromEntries(map);
    return { figures, details: { cold: samples(cold), warm: samples(warm) } };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
