/** CPU time of a process tree, read from /proc (Linux): what a server spent, whatever else the machine ran. */
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux (getconf CLK_TCK)

/** User + system CPU milliseconds of every process below `pid` (not `pid` itself: the tsx launcher). */
export function descendantsCpuMs(pid: number): number {
  const stats = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => {
      try {
        // Fields after the command name (which may hold spaces) start at ") ": ppid is the 2nd, utime the 12th, stime the 13th.
        const text = readFileSync(`/proc/${name}/stat`, "utf8");
        const fields = text.slice(text.lastIndexOf(") ") + 2).split(" ");
        return { pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
      } catch {
        return undefined; // gone meanwhile
      }
    })
    .filter((s): s is { pid: number; ppid: number; ticks: number } => s !== undefined);
  let ticks = 0;
  const walk = (parent: number) => {
    for (const s of stats) if (s.ppid === parent) (ticks += s.ticks), walk(s.pid);
  };
  walk(pid);
  return ticks * TICK_MS;
}
