// `npm start`: the sync server, then the Electron register, or the browser fallback when
// Electron cannot start on this machine. Run after `npm run build`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  STARTUP_GRACE_MS,
  decideLaunch,
  earlyExitReason,
  fallbackLine,
  locateElectron,
  serverSettings,
} from './electron-launch.mjs';
import { repoRoot, startSyncServer, stopChild, waitForHealth } from './sync-server-process.mjs';

let settings;
try {
  settings = serverSettings(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const { port, dataDir, origin } = settings;

const server = startSyncServer({ port, dataDir });
let electron = null;
let stopping = false;

async function stopAll(signal, exitCode) {
  if (stopping) return;
  stopping = true;
  // The server closes its database on SIGINT or SIGTERM only.
  const forwarded = signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM';
  if (electron !== null) await stopChild(electron, forwarded);
  const serverCode = await stopChild(server, forwarded);
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

function fallBack(reason) {
  console.log(fallbackLine(reason, origin));
}

try {
  await waitForHealth(`${origin}/health`, server);
  const decision = decideLaunch({
    binary: locateElectron(() => createRequire(import.meta.url)('electron'), existsSync),
    platform: process.platform,
    env: process.env,
    mainBuilt: existsSync(path.join(repoRoot, 'dist', 'electron', 'main.js')),
  });
  if (decision.action === 'fallback') fallBack(decision.reason);
  else launchElectron(decision.binary);
} catch (error) {
  if (!stopping) {
    console.error(`Cannot start the register: ${error.message}`);
    await stopAll('SIGTERM', 1);
  }
}

function launchElectron(binary) {
  const child = spawn(binary, [repoRoot], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, POS_SERVER_URL: origin },
  });
  electron = child;
  // Electron's stderr is held back during startup so a failed start prints one line, not a dump.
  let startupStderr = '';
  let started = false;
  child.stderr.on('data', (chunk) => {
    if (started) process.stderr.write(chunk);
    else startupStderr += chunk;
  });
  const grace = setTimeout(() => {
    started = true;
    process.stderr.write(startupStderr);
  }, STARTUP_GRACE_MS);

  let gone = false;
  child.on('error', (error) => {
    clearTimeout(grace);
    if (gone) return;
    gone = true;
    electron = null;
    fallBack(`spawn failed: ${error.message}`);
  });
  child.on('exit', (code, signal) => {
    clearTimeout(grace);
    if (gone) return;
    gone = true;
    electron = null;
    if (stopping) return;
    if (!started && (code !== 0 || signal !== null)) {
      fallBack(earlyExitReason(code, signal, startupStderr));
    } else {
      void stopAll('SIGTERM', code ?? 1);
    }
  });
}
