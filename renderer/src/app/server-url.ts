/**
 * Where the sync server is: Electron's preload says so; a dev build may name it; a register
 * served by the sync server itself talks to its own origin.
 */
export async function defaultServerUrl(): Promise<string> {
  if (window.pos) return (await window.pos.appInfo()).serverUrl;
  const fromBuild = import.meta.env.VITE_SERVER_URL as string | undefined;
  return fromBuild || window.location.origin;
}
