/**
 * A keyboard-wedge barcode scanner types the code very fast and ends with Enter. This tells
 * such a burst from a person typing: characters at most `maxGapMs` apart, at least `minLength`
 * of them, then Enter.
 */
export function barcodeReader(onScan: (code: string) => void, options: { maxGapMs?: number; minLength?: number } = {}) {
  const maxGapMs = options.maxGapMs ?? 40;
  const minLength = options.minLength ?? 6;
  let buffer = '';
  let last = -Infinity;
  return {
    /** Feed one key; true when it completed a scan (the caller should swallow the Enter). */
    key(key: string, at: number): boolean {
      if (at - last > maxGapMs) buffer = '';
      last = at;
      if (key === 'Enter') {
        const code = buffer;
        buffer = '';
        if (code.length >= minLength) {
          onScan(code);
          return true;
        }
        return false;
      }
      if (key.length === 1) buffer += key;
      else buffer = '';
      return false;
    },
  };
}
