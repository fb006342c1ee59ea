// `startMock()` of a tree's compiled mock, in a fresh process, as a test suite's global setup calls
// it: from the import of the module to the first answer (a RetryEngine call), and the CPU time that
// took. Prints {"ms", "cpuMs"} and stops the mock.
//
// Usage: node bench/lib/start-timer.mjs <the mock's compiled module> <URL path> <JSON body>
const [modulePath, path, body] = process.argv.slice(2);
if (!modulePath || !path || !body) throw new Error("usage: node bench/lib/start-timer.mjs <module> <path> <body>");
const cpu = process.cpuUsage();
const start = performance.now();
const { startMock } = await import(modulePath);
const mock = await startMock();
const response = await fetch(`${mock.url}${path}`, { method: "PUT", headers: { "Content-Type": "application/json", "X-Auth-Token": "bench" }, body });
await response.arrayBuffer();
const ms = performance.now() - start;
const { user, system } = process.cpuUsage(cpu);
await mock.stop();
if (response.status !== 200) throw new Error(`startMock(): the first answer was ${response.status}`);
console.log(JSON.stringify({ ms, cpuMs: (user + system) / 1000 }));
