// Loaded into every Node process of a measured command (NODE_OPTIONS=--require ...): on exit, appends
// the process's peak resident memory (maxRSS, KiB), its CPU time (all its threads) and its build
// script (BUILD_STEP when a caller sets it, else the script's path) to the file named by BENCH_RSS_FILE. CommonJS, because
// --require loads it.
"use strict";
const { appendFileSync } = require("node:fs");

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const record = {
      step: process.env.BUILD_STEP ?? null,
      pid: process.pid,
      maxRssKiB: usage.maxRSS,
      cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
      script: process.argv[1] ?? null,
    };
    try {
      appendFileSync(file, `${JSON.stringify(record)}\n`);
    } catch {
      // Measuring must never break the measured command.
    }
  });
}
