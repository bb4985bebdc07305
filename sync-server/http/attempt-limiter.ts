/** Fixed windows of attempts per key, in memory, on the server's injected clock. */
export class AttemptLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt for `key` at `now`: how long to wait when it is over the limit, else null. */
  hit(key: string, now: Date): number | null {
    const window = this.count(key, now);
    return window.count > this.max ? window.start + this.windowMs - now.getTime() : null;
  }

  /** Counts an attempt for `key` at `now`: the attempts of its window so far, and when that began (ms). */
  count(key: string, now: Date): { start: number; count: number } {
    const t = now.getTime();
    if (this.windows.size > 10_000) this.sweep(t);
    const current = this.windows.get(key);
    const window = current && t - current.start < this.windowMs ? current : { start: t, count: 0 };
    window.count += 1;
    this.windows.set(key, window);
    return { ...window };
  }

  private sweep(t: number): void {
    for (const [key, window] of this.windows) if (t - window.start >= this.windowMs) this.windows.delete(key);
  }
}
