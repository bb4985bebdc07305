/**
 * The register's only clock: every screen and action asks it for the time, so the time a sale,
 * refund, drawer count or lockout sees is one thing a test can pin (end-to-end tests install
 * Playwright's `page.clock`, unit tests `vi.setSystemTime`). ESLint refuses `new Date()` and
 * `Date.now()` anywhere else in renderer/src.
 */
export const clock = {
  now(): Date {
    return new Date();
  },
  ms(): number {
    return Date.now();
  },
};
