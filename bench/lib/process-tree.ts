/** Resident memory of a process tree, read from ps (Linux). */
import { execFileSync } from "node:child_process";

/**
 * RSS in MiB of every process below `pid` and their command lines; not `pid` itself (the tsx
 * launcher) nor tsx's esbuild service: both exist only because the benchmark runs TypeScript
 * sources, and users run the built JavaScript.
 */
export function descendantsRss(pid: number): { mib: number; processes: string[] } {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, p, pp, rss, args]) => ({ pid: Number(p), ppid: Number(pp), rssKiB: Number(rss), args: args! }));
  const found: typeof rows = [];
  const walk = (parent: number) => {
    for (const row of rows) if (row.ppid === parent && !/esbuild/.test(row.args)) found.push(row), walk(row.pid);
  };
  walk(pid);
  return { mib: found.reduce((sum, row) => sum + row.rssKiB, 0) / 1024, processes: found.map((row) => `${Math.round(row.rssKiB / 1024)} MiB ${row.args.slice(0, 80)}`) };
}
