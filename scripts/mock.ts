/**
 * `npm run mock`: the mock of all five operations on 127.0.0.1, port $PORT (default 4010; 0 picks
 * a free one). Stops cleanly, Prism included, on Ctrl-C or SIGTERM.
 */
import { startMock } from '../src/mock/index.js';

const DEFAULT_PORT = 4010;

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number from 0 to 65535, not '${value}'`);
  }
  return port;
}

try {
  const mock = await startMock({ port: portFromEnv(process.env['PORT']) });
  console.log(`Mock of the five operations listening on ${mock.url} (paths start with /v2/)`);
  console.log('  Pick a documented status:  Prefer: code=404');
  console.log('  Pick a named example:      Prefer: example=<name from generated/openapi.json>');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void mock.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`npm run mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
