/** CPU time of a process tree, read from ps and /proc (Linux). */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

interface Row {
  pid: number;
  ppid: number;
}

/** `pid` and the processes below it. */
function tree(pid: number): Row[] {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, p, pp]) => ({ pid: Number(p), ppid: Number(pp) }));
  const found = rows.filter((row) => row.pid === pid);
  const walk = (parent: number) => {
    for (const row of rows) if (row.ppid === parent) found.push(row), walk(row.pid);
  };
  walk(pid);
  return found;
}

/**
 * User + system CPU milliseconds used so far by `pid` and every process below it (/proc/<pid>/stat,
 * 10 ms resolution). Sampled before and after a load, the difference is what serving it cost,
 * whatever else the machine was running.
 */
export function treeCpuMs(pid: number): number {
  let ms = 0;
  for (const row of tree(pid)) {
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
