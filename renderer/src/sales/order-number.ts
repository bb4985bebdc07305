/**
 * Human-friendly sale numbers, per register: the device's short code and a running count,
 * e.g. "7C3A-0042". Ids, not numbers, identify sales; the number is for people.
 */
export function takeOrderNumber(deviceId: string, storage: Storage = localStorage): string {
  const key = `pos.orderSeq.${deviceId}`;
  const next = Number(storage.getItem(key) ?? '0') + 1;
  storage.setItem(key, String(next));
  return `${deviceId.slice(-4).toUpperCase()}-${String(next).padStart(4, '0')}`;
}
