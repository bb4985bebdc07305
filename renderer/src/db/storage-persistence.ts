/**
 * Asks the browser to keep this register's storage (IndexedDB) under storage pressure instead
 * of evicting it with unsent sales. true: granted; false: refused; null: the browser has no
 * such API. Electron's Chromium grants it to the app's own origin.
 */
export async function askPersistentStorage(storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage): Promise<boolean | null> {
  if (!storage?.persist) return null;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}
