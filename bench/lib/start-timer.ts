/**
 * Prints how long `startMock()` of the mock module given as argument takes until the mock answers
 * its first request, then stops it. Run with tsx in a fresh process, so module loading is counted
 * the way a test runner's global setup pays it.
 */
const [modulePath] = process.argv.slice(2);
if (!modulePath) throw new Error("usage: tsx bench/lib/start-timer.ts <path of src/mock/index.ts>");
const { startMock } = (await import(modulePath)) as { startMock: () => Promise<{ url: string; stop(): Promise<void> }> };
const start = performance.now();
const mock = await startMock();
const response = await fetch(`${mock.url}/`);
await response.arrayBuffer();
console.log(JSON.stringify({ ms: performance.now() - start }));
await mock.stop();
