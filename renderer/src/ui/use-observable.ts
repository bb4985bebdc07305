import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/** The latest value of an observable (an RxDB query's `$`), re-subscribing when deps change. */
export function useObservable<T>(make: () => Observable<T>, initial: T, deps: readonly unknown[]): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = make().subscribe(setValue);
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
