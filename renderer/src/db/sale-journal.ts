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

export function openSaleJournal(name: string, idb: IDBFactory = indexedDB): Promise<SaleJournal> {
  return new Promise((resolve, reject) => {
    const request = idb.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'order.id' });
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      resolve({
        put(sale) {
          const tx = db.transaction(STORE, 'readwrite');
          tx.objectStore(STORE).put(sale);
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
