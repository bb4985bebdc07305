export declare const DEFAULT_PORT: number;
export declare const STARTUP_GRACE_MS: number;
export declare function resolvePort(value: string | undefined): number;
export declare function dataDirFromArgv(argv: readonly string[]): string | undefined;
export declare function serverOrigin(port: number): string;
export declare function serverSettings(argv: readonly string[], env: Record<string, string | undefined>): { port: number; dataDir: string | undefined; origin: string };
export declare function locateElectron(requireElectron: () => unknown, exists: (path: string) => boolean): string | null;
export type LaunchDecision = { action: 'spawn'; binary: string } | { action: 'fallback'; reason: string };
export declare function decideLaunch(input: {
  binary: string | null;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  mainBuilt: boolean;
}): LaunchDecision;
export declare function earlyExitReason(code: number | null, signal: NodeJS.Signals | null, stderr: string): string;
export declare function fallbackLine(reason: string, origin: string): string;
