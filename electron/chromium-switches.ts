/**
 * Chromium switches the register's window runs with (set before the app is ready).
 *
 * After a key press Chromium holds a page's database callbacks back until the next frame is
 * drawn (DeferRendererTasksAfterInput). At a register the work right after Pay is making the
 * sale durable and saying so, which must not wait up to a frame behind painting.
 */
export const REGISTER_CHROMIUM_SWITCHES: readonly (readonly [name: string, value: string])[] = [
  ['disable-features', 'DeferRendererTasksAfterInput'],
];

/** The same switches as command-line flags, for a Chromium started outside Electron (tests, benchmarks). */
export function registerChromiumFlags(): string[] {
  return REGISTER_CHROMIUM_SWITCHES.map(([name, value]) => `--${name}=${value}`);
}
