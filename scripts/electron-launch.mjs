// Decisions of `npm start`, kept pure so they can be unit-tested without Electron or a server.

export const DEFAULT_PORT = 8787;
/** An Electron that dies within this long after spawning could not start. */
export const STARTUP_GRACE_MS = 5000;

/** @param {string | undefined} value PORT from the environment */
export function resolvePort(value) {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a TCP port number (1-65535), got ${JSON.stringify(value)}`);
  }
  return port;
}

/** The value of --data-dir in argv (`--data-dir DIR` or `--data-dir=DIR`), if any. */
export function dataDirFromArgv(argv) {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--data-dir') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error('--data-dir needs a directory');
      return value;
    }
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

export function serverOrigin(port) {
  return `http://127.0.0.1:${port}`;
}

/**
 * The Electron binary path, or null when the package has no binary. `requireElectron` is
 * `() => require('electron')`, which throws when the download was skipped.
 */
/** The sync server's port, data directory and origin from PORT and --data-dir; throws on bad values. */
export function serverSettings(argv, env) {
  const port = resolvePort(env.PORT);
  return { port, dataDir: dataDirFromArgv(argv), origin: serverOrigin(port) };
}

export function locateElectron(requireElectron, exists) {
  let binary;
  try {
    binary = requireElectron();
  } catch {
    return null;
  }
  return typeof binary === 'string' && exists(binary) ? binary : null;
}

/**
 * Whether to spawn Electron, or why not.
 * @returns {{ action: 'spawn', binary: string } | { action: 'fallback', reason: string }}
 */
export function decideLaunch({ binary, platform, env, mainBuilt }) {
  if (binary === null) return { action: 'fallback', reason: 'binary not installed' };
  if (!mainBuilt) return { action: 'fallback', reason: 'dist/electron/main.js missing, run npm run build' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { action: 'fallback', reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' };
  }
  return { action: 'spawn', binary };
}

/** Why an Electron that exited within the startup grace period failed, from its exit and stderr. */
export function earlyExitReason(code, signal, stderr) {
  const how = signal ? `killed by ${signal} at startup` : `exited with code ${code} at startup`;
  const lastLine = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .at(-1);
  return lastLine ? `${how}: ${lastLine}` : how;
}

export function fallbackLine(reason, origin) {
  return `Electron cannot start here (${reason}): the register is served in the browser at ${origin}/`;
}
