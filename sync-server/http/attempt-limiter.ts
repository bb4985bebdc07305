/** Fixed windows of attempts per key, in memory, on the server's injected clock. */
export class AttemptLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt for `key` at `now`: how long to wait when it is over the limit, else null. */
  hit(key: string, now: Date): number | null {
    const t = now.getTime();
    if (this.windows.size > 10_000) this.sweep(t);
    const current = this.windows.get(key);
    const window = current && t - current.start < this.windowMs ? current : { start: t, count: 0 };
    window.count += 1;
    this.windows.set(key, window);
    return window.count > this.max ? window.start + this.windowMs - t : null;
  }

  private sweep(t: number): void {
    for (const [key, window] of this.windows) if (t - window.start >= this.windowMs) this.windows.delete(key);
  }
}
