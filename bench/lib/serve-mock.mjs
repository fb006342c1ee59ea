// Runs a tree's built mock (dist/mock/index.js, as the package ships it) on a free port of
// 127.0.0.1 with plain `node`, prints its URL and stops it on SIGTERM. The same runner for the mock
// before the change and today's, so both are measured as users run them.
//
// Usage: node bench/lib/serve-mock.mjs <path of dist/mock/index.js>
const [modulePath] = process.argv.slice(2);
if (!modulePath) throw new Error("usage: node bench/lib/serve-mock.mjs <path of dist/mock/index.js>");
const { startMock } = await import(modulePath);
const mock = await startMock({ port: 0 });
console.log(`listening on ${mock.url}`);
process.once("SIGTERM", () => void mock.stop().then(() => process.exit(0)));
