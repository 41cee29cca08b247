// `npm run docs`: serve packages/docs/dist on 127.0.0.1 and print the URL. `--port N` (default 8090).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveStatic } from './src/static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { port: { type: 'string', default: '8090' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`docs: --port must be an integer between 0 and 65535, got "${values.port}"`);
  process.exit(2);
}
const root = path.join(here, 'dist');
if (!existsSync(path.join(root, 'index.html'))) {
  console.error(`docs: ${root} has no index.html; run "npm run build" first`);
  process.exit(1);
}
try {
  const site = await serveStatic({ root, port });
  console.log(`Talk API docs: ${site.url}`);
  process.on('SIGINT', () => site.close().then(() => process.exit(0)));
} catch (error) {
  console.error(`docs: cannot listen on 127.0.0.1:${port}: ${error.message}`);
  process.exit(1);
}
