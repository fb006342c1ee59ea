/** The machine a benchmark ran on, recorded next to its figures. */
import { cpus, loadavg, totalmem, type as osType, release } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1-minute load average when the figures were taken: other work on the machine skews them. */
  loadAverage: number;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  };
}
