import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Everything it wrote to stdout so far. */
  output: () => string;
}

/** The sync server as a process of its own (`sync-server/main.ts`), on PGlite in `dataDir` unless `env` names a DATABASE_URL. */
export function startServerProcess(port: number, dataDir: string, env: Record<string, string> = {}, args: string[] = []): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts', '--port', String(port), '--data-dir', dataDir, ...args], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))), output: () => output };
}

export async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the sync server did not become healthy');
}
