/**
 * What a user pays before the first call: the time a fresh Node process takes to load a client
 * package, and the bytes of the runtime dependencies it installs.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { attempt, REPO } from "./command.js";

export interface LoadTime {
  /** Wall time. */
  ms: number;
  /** CPU time of the process meanwhile: far less skewed by other load on the machine. */
  cpuMs: number;
}

/** Times `code` in a fresh process: it sets `t` and `c` before loading and then calls `done(t, c)`. */
async function loadTime(code: string): Promise<LoadTime> {
  const prelude =
    "const done = (t, c) => { const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000); }; " +
    "const c = process.cpuUsage(); const t = performance.now(); ";
  const { output, exit } = await attempt(`node --input-type=module -e '${prelude}${code}'`, REPO);
  const [ms, cpuMs] = output.trim().split(" ").map(Number);
  if (exit !== 0 || !Number.isFinite(ms) || !Number.isFinite(cpuMs)) throw new Error(`load timing failed (${exit}): ${output.slice(-2000)}`);
  return { ms: ms!, cpuMs: cpuMs! };
}

/** Load time of an ES module file (our client) in a fresh process. */
export function esmLoadTime(file: string): Promise<LoadTime> {
  return loadTime(`await import("${file}"); done(t, c);`);
}

/** Load time of the official core as a CSE client needs it (credentials, ClientBuilder, HcClient) in a fresh process. */
export function sdkLoadTime(): Promise<LoadTime> {
  return loadTime(
    'const require = (await import("node:module")).createRequire(process.cwd() + "/"); ' +
      'require("@huaweicloud/huaweicloud-sdk-core"); require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js"); done(t, c);',
  );
}

/** The directory npm installed `name` in, as Node finds it from `from`. */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    try {
      if (statSync(join(candidate, "package.json")).isFile()) return realpathSync(candidate);
    } catch {
      // Not here; look one level up.
    }
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (looked from ${from})`);
  }
}

/** Bytes of a directory's files, its own node_modules left out (those are packages of their own). */
function bytesOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? bytesOf(path) : entry.isFile() ? statSync(path).size : 0;
  }
  return total;
}

/**
 * Bytes installed for `names` and everything they depend on at run time (`dependencies`), each
 * package once: what `npm install` adds for them, as installed here.
 */
export function dependencyBytes(names: readonly string[], from: string = REPO): { bytes: number; packages: number } {
  const seen = new Set<string>();
  const visit = (name: string, parent: string) => {
    const dir = packageDir(name, parent);
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  };
  for (const name of names) visit(name, from);
  return { bytes: [...seen].reduce((sum, dir) => sum + bytesOf(dir), 0), packages: seen.size };
}

/** Our runtime dependencies: package.json `dependencies`. */
export function ourDependencies(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {});
}
