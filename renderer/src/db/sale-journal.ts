import type { Sale } from '../sales/build-sale';

/**
 * The register's write-ahead journal of completed sales: a plain IndexedDB store, so that
 * making a sale durable is exactly one IndexedDB transaction holding its order and payments.
 * Sales are filed from here into the replicated collections and then dropped.
 */
export interface SaleJournal {
  put(sale: Sale): Promise<void>;
  all(): Promise<Sale[]>;
  remove(orderId: string): Promise<void>;
  close(): void;
}

const STORE = 'sales';

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('The journal write was aborted.'));
  });
}

/**
 * Sales are keyed by their order id given beside the value, not by a key path: the browser
 * then only serializes a sale to store it, where a key path costs it a second copy to read the
 * key from. Version 1 used the key path; its sales are carried over.
 */
function upgrade(request: IDBOpenDBRequest, oldVersion: number): void {
  const db = request.result;
  if (oldVersion === 0) {
    db.createObjectStore(STORE);
    return;
  }
  if (oldVersion === 1) {
    const kept = request.transaction!.objectStore(STORE).getAll();
    kept.onsuccess = () => {
      db.deleteObjectStore(STORE);
      const store = db.createObjectStore(STORE);
      for (const sale of kept.result as Sale[]) store.put(sale, sale.order.id);
    };
  }
}

export function openSaleJournal(name: string, idb: IDBFactory = indexedDB): Promise<SaleJournal> {
  return new Promise((resolve, reject) => {
    const request = idb.open(name, 2);
    request.onupgradeneeded = (event) => upgrade(request, event.oldVersion);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      resolve({
        put(sale) {
          const tx = db.transaction(STORE, 'readwrite');
          tx.objectStore(STORE).put(sale, sale.order.id);
          // Committed now, not once this page has handled the put's result: the sale is on disk
          // even while the page is busy drawing the screen that follows Pay.
          tx.commit();
          return done(tx);
        },
        all() {
          return new Promise((ok, fail) => {
            const all = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
            all.onsuccess = () => ok((all.result as Sale[]).sort((a, b) => a.order.createdAt.localeCompare(b.order.createdAt)));
            all.onerror = () => fail(all.error);
          });
        },
        remove(orderId) {
          const tx = db.transaction(STORE, 'readwrite');
          tx.objectStore(STORE).delete(orderId);
          return done(tx);
        },
        close: () => db.close(),
      });
    };
  });
}
