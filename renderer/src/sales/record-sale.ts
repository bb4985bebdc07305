import type { RxCollection } from 'rxdb';
import type { RegisterDatabase } from '../db/database';
import type { Sale } from './build-sale';

/**
 * Inserts documents that may already be there (409): the same sale written twice is stored
 * once. Resolves with how many were new.
 */
async function insertOnce<T extends { id: string }>(collection: RxCollection<T>, docs: T[]): Promise<number> {
  const result = await collection.bulkInsert(docs);
  const failure = result.error.find((error) => error.status !== 409);
  if (failure) {
    const why = 'validationErrors' in failure ? JSON.stringify(failure.validationErrors) : `status ${failure.status}`;
    throw new Error(`${collection.name} could not be saved: ${why}`);
  }
  return result.success.length;
}

/**
 * Makes the sale durable before anything else happens (printing, network). The order goes
 * first, then its payments: a crash in between leaves an open order, never a payment without
 * its sale. Resolves true when anything of it was not stored yet.
 */
export async function recordSale(db: RegisterDatabase, sale: Sale): Promise<boolean> {
  const orders = await insertOnce(db.orders, [sale.order]);
  const payments = await insertOnce(db.payments, sale.payments);
  return orders + payments > 0;
}
