// `npm run dev`: the sync server restarted on change (tsx watch) and the Vite dev server for
// the renderer, which reaches the sync server at VITE_SERVER_URL.
import path from 'node:path';
import { createServer } from 'vite';
import { serverSettings } from './electron-launch.mjs';
import { repoRoot, startSyncServer, stopChild, waitForHealth } from './sync-server-process.mjs';

const RENDERER_PORT = 5173;

let settings;
try {
  settings = serverSettings(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const { port, dataDir, origin } = settings;
process.env.VITE_SERVER_URL = origin;
// The sync server admits the Vite dev server's origin (CORS) only in development.
process.env.NODE_ENV ??= 'development';

const server = startSyncServer({ port, dataDir, watch: true });
let vite = null;
let stopping = false;

async function stopAll(signal, exitCode) {
  if (stopping) return;
  stopping = true;
  await vite?.close();
  const serverCode = await stopChild(server, signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  process.exit(exitCode ?? serverCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => void stopAll(signal, 0));
}
server.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`The sync server stopped (${signal ?? `code ${code}`}).`);
  void stopAll('SIGTERM', code ?? 1);
});

try {
  vite = await createServer({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    server: { port: RENDERER_PORT, strictPort: true },
  });
  await vite.listen();
  await waitForHealth(`${origin}/health`, server);
  const rendererUrl = vite.resolvedUrls?.local[0] ?? `http://localhost:${RENDERER_PORT}/`;
  console.log(`Register (Vite dev server): ${rendererUrl}`);
  console.log(`Sync server (VITE_SERVER_URL): ${origin}/`);
} catch (error) {
  if (!stopping) {
    console.error(`Cannot start the dev servers: ${error.message}`);
    await stopAll('SIGTERM', 1);
  }
}
