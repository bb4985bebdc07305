import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { COLLECTIONS, staffSchema, type StaffDoc } from '../../shared/schemas/index';
import { openRegisterDatabase, outboxId, type RegisterDatabase } from '../../renderer/src/db/database';
import { buildCashSale } from '../../renderer/src/sales/build-sale';
import { recordSale } from '../../renderer/src/sales/record-sale';
import { REGISTER, settings } from '../support/demo-settings';
import { TEST_NOW } from '../support/clock';

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const open: RegisterDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) if (!db.closed) await db.close();
});

async function openDb(name: string) {
  const db = await openRegisterDatabase({ name, storage: storage(), collections: ['orders', 'payments'] });
  open.push(db);
  return db;
}

function aSale() {
  return buildCashSale({
    orderId: newId(),
    paymentId: newId(),
    number: 'C3A1-0001',
    lines: [{ id: newId(), itemId: null, kind: 'service', name: 'Haircut', unitPrice: 4000, quantity: 1, staffId: null }],
    settings: settings(),
    register: REGISTER,
    cashierId: null,
    tendered: 5000,
    now: new Date(TEST_NOW),
  });
}

describe('the register database on IndexedDB (Dexie)', () => {
  it('keeps a recorded sale across a restart, and a sale recorded twice is stored once', async () => {
    const name = `reg-${newId()}`;
    const db = await openDb(name);
    const sale = aSale();
    await Promise.all([recordSale(db, sale), recordSale(db, sale)]);
    await recordSale(db, sale);
    await db.close();

    const reopened = await openDb(name);
    expect(await reopened.orders.count().exec()).toBe(1);
    expect((await reopened.payments.find().exec()).map((p) => [p.id, p.amount])).toEqual([[sale.payments[0]!.id, 4355]]);
    expect((await reopened.sync_outbox.find().exec()).map((row) => row.id).sort()).toEqual(
      [outboxId('orders', sale.order.id), outboxId('payments', sale.payments[0]!.id)].sort(),
    );
  });

  it('never notes a document again once the server acknowledged it: writing it again is not "waiting to send"', async () => {
    const db = await openDb(`reg-${newId()}`);
    const sale = aSale();
    await recordSale(db, sale);
    expect(await db.sync_outbox.count().exec()).toBe(2);
    await db.sync_outbox.bulkRemove([outboxId('orders', sale.order.id), outboxId('payments', sale.payments[0]!.id)]); // the push's acknowledgement
    expect(await recordSale(db, sale)).toBe(false);
    expect(await db.sync_outbox.count().exec()).toBe(0);
    await db.close();
  });

  it('drops an outbox note whose document never got written (a crash in between)', async () => {
    const name = `reg-${newId()}`;
    const db = await openDb(name);
    await db.sync_outbox.insert({ id: outboxId('orders', 'lost'), collectionName: 'orders', docId: 'lost', createdAt: TEST_NOW });
    await recordSale(db, aSale());
    await db.close();
    const reopened = await openDb(name);
    expect(await reopened.sync_outbox.count().exec()).toBe(2);
  });

  it('refuses a document that breaks the schema, and stores nothing', async () => {
    const db = await openDb(`reg-${newId()}`);
    const sale = aSale();
    await expect(recordSale(db, { ...sale, payments: [{ ...sale.payments[0]!, amount: 43.55 }] })).rejects.toThrow();
    expect(await db.payments.count().exec()).toBe(0);
  });

  it('opens an outbox written before the quarantine (schema version 0) with every row kept', async () => {
    const name = `reg-${newId()}`;
    const old = await createRxDatabase({ name, storage: storage(), multiInstance: false });
    const v0 = {
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 100 }, collectionName: { type: 'string', maxLength: 40 }, docId: { type: 'string', maxLength: 36 }, createdAt: { type: 'string', maxLength: 40 } },
      required: ['id', 'collectionName', 'docId', 'createdAt'],
    } as const;
    await old.addCollections({ orders: { schema: COLLECTIONS.orders.schema as unknown as RxJsonSchema<unknown> }, sync_outbox: { schema: v0 } });
    const sale = aSale();
    await old.orders!.insert(sale.order);
    await old.sync_outbox!.insert({ id: outboxId('orders', sale.order.id), collectionName: 'orders', docId: sale.order.id, createdAt: TEST_NOW });
    await old.close();

    const db = await openDb(name);
    expect((await db.sync_outbox.find().exec()).map((row) => [row.id, row.createdAt, row.refusedAt])).toEqual([[outboxId('orders', sale.order.id), TEST_NOW, undefined]]);
  });

  it('opens a database made at staff schema version 0 (PBKDF2 PINs only), keeping its staff and their PINs', async () => {
    const name = `reg-${newId()}`;
    const pbkdf2Only = {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        algorithm: { type: 'string', enum: ['PBKDF2-SHA256'] },
        salt: { type: 'string', minLength: 16, maxLength: 64 },
        iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
        hash: { type: 'string', minLength: 40, maxLength: 64 },
      },
      required: ['algorithm', 'salt', 'iterations', 'hash'],
    };
    const version0 = { ...staffSchema, version: 0, properties: { ...staffSchema.properties, pin: pbkdf2Only } };
    const old = await createRxDatabase<{ staff: RxCollection<StaffDoc> }>({ name, storage: wrappedValidateAjvStorage({ storage: storage() }), multiInstance: false });
    await old.addCollections({ staff: { schema: version0 as unknown as RxJsonSchema<StaffDoc> } });
    const jordan: StaffDoc = {
      id: newId(), tenantId: 't1', locationIds: ['l1'], name: 'Jordan', role: 'front_desk', providesServices: false, commissionRate: '0', tipCommissionRate: '0', active: true,
      pin: { algorithm: 'PBKDF2-SHA256', salt: 'c2FsdHNhbHRzYWx0c2FsdA==', iterations: 600_000, hash: 'EjtKjHrIO1Nd6jIqDWksG+2kg/u4Ap5e3uQejL5N7lk=' },
      updatedAt: TEST_NOW,
    };
    await old.staff.insert(jordan);
    await old.close();

    const db = await openRegisterDatabase({ name, storage: storage(), collections: ['staff'] });
    open.push(db);
    expect(db.staff.schema.version).toBe(1);
    expect((await db.staff.find().exec()).map((doc) => doc.toJSON())).toEqual([jordan]);
  });
});
