import { useEffect } from 'react';

export const DEFAULT_IDLE_LOCK_MS = 5 * 60_000;

/** How long the register may sit untouched before it locks: 5 minutes, or `pos.idleLockMs` in localStorage. */
export function idleLockMs(storage: Pick<Storage, 'getItem'> = localStorage): number {
  const configured = Number(storage.getItem('pos.idleLockMs'));
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_IDLE_LOCK_MS;
}

/** Calls `onIdle` once `ms` pass without `touch()`. Returns touch and stop. */
export function idleTimer(onIdle: () => void, ms: number): { touch(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const touch = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(onIdle, ms);
  };
  touch();
  return {
    touch,
    stop: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Locks the register after it sits idle (no key, pointer or touch) while someone is signed in. */
export function useIdleLock(active: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return;
    const timer = idleTimer(onIdle, idleLockMs());
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const event of events) window.addEventListener(event, timer.touch, { passive: true });
    return () => {
      timer.stop();
      for (const event of events) window.removeEventListener(event, timer.touch);
    };
  }, [active, onIdle]);
}
