import type { ChildProcess } from 'node:child_process';

export declare const repoRoot: string;
export declare function startSyncServer(options: { port: number; dataDir?: string; watch?: boolean }): ChildProcess;
export declare function waitForHealth(
  url: string,
  child: ChildProcess,
  options?: { timeoutMs?: number; intervalMs?: number },
): Promise<void>;
export declare function stopChild(child: ChildProcess, signal?: NodeJS.Signals): Promise<number>;
