import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PORT,
  dataDirFromArgv,
  decideLaunch,
  earlyExitReason,
  fallbackLine,
  locateElectron,
  resolvePort,
  serverOrigin,
  serverSettings,
} from '../../scripts/electron-launch.mjs';
import { stopChild, waitForHealth } from '../../scripts/sync-server-process.mjs';

const display = { DISPLAY: ':0' };

describe('launch decision', () => {
  it('falls back when the electron package has no binary', () => {
    const binary = locateElectron(() => {
      throw new Error('Electron failed to install correctly');
    }, () => true);
    expect(binary).toBeNull();
    const decision = decideLaunch({ binary, platform: 'linux', env: display, mainBuilt: true });
    expect(decision).toEqual({ action: 'fallback', reason: 'binary not installed' });
  });

  it('falls back when the path it gives does not exist', () => {
    expect(locateElectron(() => '/nowhere/electron', () => false)).toBeNull();
    expect(locateElectron(() => '/opt/electron', (p) => p === '/opt/electron')).toBe('/opt/electron');
  });

  it('falls back on linux without a display', () => {
    const decision = decideLaunch({ binary: '/opt/electron', platform: 'linux', env: {}, mainBuilt: true });
    expect(decision).toMatchObject({ action: 'fallback', reason: expect.stringContaining('no display') });
    expect(decideLaunch({ binary: '/opt/electron', platform: 'linux', env: { DISPLAY: '' }, mainBuilt: true }).action).toBe(
      'fallback',
    );
  });

  it('spawns with an X11 or Wayland display, and on macOS and Windows without one', () => {
    const spawnIt = { action: 'spawn', binary: '/opt/electron' };
    expect(decideLaunch({ binary: '/opt/electron', platform: 'linux', env: display, mainBuilt: true })).toEqual(spawnIt);
    expect(decideLaunch({ binary: '/opt/electron', platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, mainBuilt: true })).toEqual(
      spawnIt,
    );
    expect(decideLaunch({ binary: '/opt/electron', platform: 'darwin', env: {}, mainBuilt: true })).toEqual(spawnIt);
    expect(decideLaunch({ binary: '/opt/electron', platform: 'win32', env: {}, mainBuilt: true })).toEqual(spawnIt);
  });

  it('falls back when the main process was not built', () => {
    const decision = decideLaunch({ binary: '/opt/electron', platform: 'darwin', env: {}, mainBuilt: false });
    expect(decision).toMatchObject({ action: 'fallback', reason: expect.stringContaining('npm run build') });
  });

  it('says in one line why and where the register is instead', () => {
    const line = fallbackLine('binary not installed', serverOrigin(8787));
    expect(line).toBe(
      'Electron cannot start here (binary not installed): the register is served in the browser at http://127.0.0.1:8787/',
    );
    expect(line).not.toContain('\n');
  });

  it('names an early exit with the last line Electron printed', () => {
    expect(earlyExitReason(1, null, 'warning\nRunning as root without --no-sandbox is not supported.\n\n')).toBe(
      'exited with code 1 at startup: Running as root without --no-sandbox is not supported.',
    );
    expect(earlyExitReason(null, 'SIGSEGV', '')).toBe('killed by SIGSEGV at startup');
  });
});

describe('server options', () => {
  it('takes PORT or the default, and rejects anything else', () => {
    expect(resolvePort(undefined)).toBe(DEFAULT_PORT);
    expect(resolvePort('')).toBe(DEFAULT_PORT);
    expect(resolvePort('9000')).toBe(9000);
    for (const bad of ['0', '65536', '80abc', '-1', '8787.5', '0x50']) expect(() => resolvePort(bad)).toThrow('PORT');
  });

  it('passes --data-dir through in either spelling', () => {
    expect(dataDirFromArgv(['--data-dir', './shop'])).toBe('./shop');
    expect(dataDirFromArgv(['--data-dir=/var/pos'])).toBe('/var/pos');
    expect(dataDirFromArgv([])).toBeUndefined();
    expect(() => dataDirFromArgv(['--data-dir'])).toThrow('directory');
    expect(() => dataDirFromArgv(['--data-dir', '--port'])).toThrow('directory');
  });

  it('gives npm start and npm run dev one port, data directory and origin', () => {
    expect(serverSettings(['--data-dir', './shop'], { PORT: '9100' })).toEqual({ port: 9100, dataDir: './shop', origin: serverOrigin(9100) });
    expect(serverSettings([], {})).toEqual({ port: DEFAULT_PORT, dataDir: undefined, origin: serverOrigin(DEFAULT_PORT) });
    expect(() => serverSettings([], { PORT: 'eighty' })).toThrow('PORT');
  });
});

describe('waiting for the server', () => {
  let http: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve())));

  function listen(handler: (attempt: number) => number): Promise<string> {
    let attempts = 0;
    http = createServer((_req, res) => {
      attempts += 1;
      res.writeHead(handler(attempts)).end();
    });
    return new Promise((resolve) => http!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(http!.address() as AddressInfo).port}/health`)));
  }

  function sleeper() {
    return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  }

  it('resolves once /health answers 200, not on an earlier 503', async () => {
    const url = await listen((attempt) => (attempt < 3 ? 503 : 200));
    const child = sleeper();
    await expect(waitForHealth(url, child, { intervalMs: 10 })).resolves.toBeUndefined();
    await stopChild(child);
  });

  it('gives up with a clear error after the timeout', async () => {
    const url = await listen(() => 503);
    const child = sleeper();
    await expect(waitForHealth(url, child, { timeoutMs: 200, intervalMs: 20 })).rejects.toThrow(
      `did not answer ${url} with 200 within 0 s`,
    );
    await stopChild(child);
  });

  it('stops waiting when the server process dies', async () => {
    const child = spawn(process.execPath, ['-e', 'process.exit(3)']);
    await expect(waitForHealth('http://127.0.0.1:9/health', child, { intervalMs: 10 })).rejects.toThrow('exited (code 3)');
  });

  it('stops a child with the given signal and waits for its exit', async () => {
    const child = spawn(process.execPath, [
      '-e',
      "process.on('SIGINT', () => setTimeout(() => process.exit(7), 50)); setInterval(() => {}, 1000); console.log('ready')",
    ]);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    await expect(stopChild(child, 'SIGINT')).resolves.toBe(7);
  });
});
