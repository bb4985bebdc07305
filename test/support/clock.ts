/**
 * The instant tests live at unless they pin their own: Saturday 21 November 2026, 10:00 in
 * New York (the fixtures' zone), 09:00 in Chicago (test tenants' zone), so the business date
 * is 2026-11-21 everywhere the fixtures say so.
 */
export const TEST_NOW = '2026-11-21T15:00:00.000Z';

/**
 * A server clock for tests: it starts at `start` and moves with the time the test takes (so
 * tokens, ordering and timeouts behave), never with the machine's date.
 */
export function pinnedClock(start: string | Date = TEST_NOW): () => Date {
  const origin = new Date(start).getTime();
  const began = performance.now();
  return () => new Date(origin + Math.round(performance.now() - began));
}
