/**
 * `npm run docs:preview`: serves generated/docs on http://127.0.0.1 for a local look.
 * PORT picks the port (default 8080; 0 picks a free one). Stop it with Ctrl+C.
 */
import { fileURLToPath } from 'node:url';
import { serveDocs } from './docs-server.js';

const root = fileURLToPath(new URL('../generated/docs', import.meta.url));
const port = Number(process.env.PORT ?? 8080);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}"`);
  process.exit(1);
}

try {
  const server = await serveDocs(root, port);
  console.log(`Serving ${root} at ${server.url} (Ctrl+C to stop)`);
  process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} on 127.0.0.1 is in use; pick another with PORT=<port>.` : error);
  process.exit(1);
}
