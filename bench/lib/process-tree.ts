/** Resident memory and CPU time of a process tree, read from ps and /proc (Linux). */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

interface Row {
  pid: number;
  ppid: number;
  rssKiB: number;
  args: string;
}

/**
 * The processes below `pid` (and `pid` itself with `includeSelf`), leaving out tsx's esbuild
 * service: it exists only because a benchmark runs TypeScript sources, and users run the built
 * JavaScript.
 */
function tree(pid: number, includeSelf: boolean): Row[] {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, p, pp, rss, args]) => ({ pid: Number(p), ppid: Number(pp), rssKiB: Number(rss), args: args! }));
  const found = includeSelf ? rows.filter((row) => row.pid === pid) : [];
  const walk = (parent: number) => {
    for (const row of rows) if (row.ppid === parent && !/esbuild/.test(row.args)) found.push(row), walk(row.pid);
  };
  walk(pid);
  return found;
}

/**
 * RSS in MiB of every process below `pid` and their command lines; `pid` itself too with
 * `includeSelf` (leave it out when it is a tsx launcher, which users do not run).
 */
export function descendantsRss(pid: number, includeSelf = false): { mib: number; processes: string[] } {
  const found = tree(pid, includeSelf);
  return { mib: found.reduce((sum, row) => sum + row.rssKiB, 0) / 1024, processes: found.map((row) => `${Math.round(row.rssKiB / 1024)} MiB ${row.args.slice(0, 80)}`) };
}

/**
 * User + system CPU milliseconds used so far by `pid` and every process below it (/proc/<pid>/stat,
 * 10 ms resolution). Sampled before and after a load, the difference is what serving it cost,
 * whatever else the machine was running.
 */
export function treeCpuMs(pid: number): number {
  let ms = 0;
  for (const row of tree(pid, true)) {
    try {
      const fields = readFileSync(`/proc/${row.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime and stime, fields 14 and 15 of stat(5)
    } catch {
      // The process ended between ps and the read.
    }
  }
  return ms;
}

/**
 * User + system CPU milliseconds of this process's children that have ended and been waited for,
 * with everything they waited for in turn (cutime and cstime, fields 16 and 17 of stat(5)). Read
 * before and after a command, the difference is what the command's whole process tree used.
 */
export function endedChildrenCpuMs(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}
