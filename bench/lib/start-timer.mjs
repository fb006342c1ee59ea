// Prints how long `startMock()` of the built mock module given as argument (a tree's
// dist/mock/index.js) takes until the mock answers its first request, and the CPU time that took
// in every process (this one, and the child processes the mock starts, counted once they have
// ended), then stops it. Plain JavaScript run by plain `node` in a fresh process: module loading is
// counted the way a user's test runner pays it for the published package, without tsx's hooks
// (they add about a third to the CPU time of loading Prism's ~2,000 CommonJS modules).
//
// Usage: node bench/lib/start-timer.mjs <path of dist/mock/index.js>
import { readFileSync } from "node:fs";

const [modulePath] = process.argv.slice(2);
if (!modulePath) throw new Error("usage: node bench/lib/start-timer.mjs <path of dist/mock/index.js>");
const { startMock } = await import(modulePath);

/** CPU milliseconds of this process's ended and waited-for children (/proc/self/stat cutime + cstime). */
function childrenCpuMs() {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // fields 16 and 17 of stat(5), in 1/100 s
}

const children = childrenCpuMs();
const own = process.cpuUsage();
const start = performance.now();
const mock = await startMock();
const response = await fetch(`${mock.url}/`);
await response.arrayBuffer();
const ms = performance.now() - start;
const { user, system } = process.cpuUsage(own);
await mock.stop();
console.log(JSON.stringify({ ms, cpuMs: (user + system) / 1000 + childrenCpuMs() - children }));
