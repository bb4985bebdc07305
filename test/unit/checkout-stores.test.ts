import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../shared/ids';
import { applyTender } from '../../shared/tenders/index';
import type { ClientDoc } from '../../shared/schemas/index';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import { openSaleJournal } from '../../renderer/src/db/sale-journal';
import { persistCart } from '../../renderer/src/checkout/cart-persistence';
import { cartOf, useCart } from '../../renderer/src/checkout/cart-store';
import { saleFromCart } from '../../renderer/src/checkout/complete-sale';
import { recordSale } from '../../renderer/src/sales/record-sale';
import { matchClients, newClient } from '../../renderer/src/clients/client-search';
import { idleLockMs, idleTimer } from '../../renderer/src/session/idle';
import { barcodeReader } from '../../renderer/src/ui/barcode';
import { parseDiscount } from '../../renderer/src/ui/money-input';
import { REGISTER, settings } from '../support/demo-settings';
import { TEST_NOW } from '../support/clock';

const haircut = { id: 'i-cut', kind: 'service' as const, name: 'Haircut', price: 6500 };
const shampoo = { id: 'i-sh', kind: 'product' as const, name: 'Shampoo', price: 1800 };

beforeEach(() => useCart.getState().reset());

describe('cart store', () => {
  it('adds products by quantity and services one line each, with the stylist on services only', () => {
    const cart = useCart.getState();
    cart.addItem(haircut, 'sam');
    cart.addItem(shampoo, 'sam');
    cart.addItem(shampoo, 'sam');
    cart.addItem(haircut, null);
    const lines = useCart.getState().lines;
    expect(lines.map((l) => [l.name, l.quantity, l.staffId])).toEqual([['Haircut', 1, 'sam'], ['Shampoo', 2, null], ['Haircut', 1, null]]);
    useCart.getState().setQuantity(lines[1]!.id, 0);
    useCart.getState().setLineStaff(lines[2]!.id, 'alex');
    useCart.getState().setLineDiscount(lines[0]!.id, { percent: '10' });
    expect(useCart.getState().lines.map((l) => [l.quantity, l.staffId, l.discount])).toEqual([[1, 'sam', { percent: '10' }], [1, null, null], [1, 'alex', null]]);
  });

  it('goes on to payment only when every service has its stylist or House, on purpose', () => {
    const cart = useCart.getState();
    cart.addItem(shampoo);
    cart.addItem(haircut, null);
    useCart.getState().setStage('pay');
    expect(useCart.getState().stage).toBe('cart');
    const line = useCart.getState().lines[1]!;
    useCart.getState().setLineStaff(line.id, 'house');
    expect(useCart.getState().lines[1]).toMatchObject({ staffId: null, house: true });
    useCart.getState().setStage('pay');
    expect(useCart.getState().stage).toBe('pay');
    useCart.getState().setStage('cart');
    useCart.getState().setLineStaff(line.id, null);
    useCart.getState().setStage('pay');
    expect(useCart.getState().stage).toBe('cart');
    useCart.getState().setLineStaff(line.id, 'sam');
    useCart.getState().setStage('pay');
    expect(useCart.getState()).toMatchObject({ stage: 'pay', lines: [{ staffId: null }, { staffId: 'sam', house: false }] });
  });

  it('keeps one order id for the sale, and a new one after reset', () => {
    const { orderId } = useCart.getState();
    useCart.getState().addItem(haircut);
    expect(useCart.getState().orderId).toBe(orderId);
    useCart.getState().reset();
    expect(useCart.getState().orderId).not.toBe(orderId);
    expect(useCart.getState().lines).toEqual([]);
  });

  it('freezes lines, discounts and tip once a tender is taken, until it is undone', () => {
    useCart.getState().addItem(haircut, 'sam');
    useCart.getState().setTip({ kind: 'percent', percent: '20' });
    useCart.getState().addTender(applyTender(8377, 'USD', { tender: 'CARD_EXTERNAL', amount: 5000 }));
    const before = cartOf(useCart.getState());
    useCart.getState().addItem(shampoo);
    useCart.getState().setTip({ kind: 'none' });
    useCart.getState().setOrderDiscount({ percent: '50' });
    useCart.getState().setStage('cart');
    expect(cartOf(useCart.getState())).toEqual(before);
    useCart.getState().removeTender(before.tenders[0]!.paymentId);
    useCart.getState().addItem(shampoo);
    expect(useCart.getState().lines).toHaveLength(2);
  });
});

describe('cart in the register database', () => {
  const open: RegisterDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) if (!db.closed) await db.close();
  });
  const openDb = async (name: string) => {
    const db = await openRegisterDatabase({ name, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), collections: ['orders', 'payments'] });
    open.push(db);
    return db;
  };

  it('survives a restart: the half-built cart comes back as it was', async () => {
    const name = `cart-${newId()}`;
    const db = await openDb(name);
    const kept = await persistCart(db, await openSaleJournal(`journal-${name}`, indexedDB));
    useCart.getState().addItem(haircut, 'sam');
    useCart.getState().setClient('client-1');
    useCart.getState().setTip({ kind: 'percent', percent: '18' });
    const saved = cartOf(useCart.getState());
    await kept.flush();
    kept.stop();
    await db.close();

    useCart.getState().reset();
    const again = await openDb(name);
    const reloaded = await persistCart(again, await openSaleJournal(`journal-${name}`, indexedDB));
    expect(cartOf(useCart.getState())).toEqual(saved);
    reloaded.stop();
  });

  it('makes a sale durable in one write, and files it in orders and payments once, also after a crash', async () => {
    const name = `cart-${newId()}`;
    const db = await openDb(name);
    const journal = await persistCart(db, await openSaleJournal(`journal-${name}`, indexedDB));
    useCart.getState().addItem(haircut, 'sam');
    useCart.getState().addTender(applyTender(7077, 'USD', { tender: 'CASH', amount: 10000 }));
    const cart = { ...cartOf(useCart.getState()), number: 'C3A1-0009' };
    const sale = saleFromCart(cart, { settings: settings(), register: REGISTER, cashierId: null, number: 'C3A1-0009', now: new Date('2026-11-21T15:00:00Z') });
    await journal.commitSale(sale);
    useCart.getState().reset();
    await journal.flush();
    journal.stop();
    await db.close(); // the crash: committed, never filed
    expect(useCart.getState().lines).toEqual([]);

    const again = await openDb(name);
    expect(await again.orders.count().exec()).toBe(0);
    const reopened = await persistCart(again, await openSaleJournal(`journal-${name}`, indexedDB));
    expect(useCart.getState().lines).toEqual([]); // the cart was already cleared for the next sale
    expect((await reopened.settle()).map((s) => s.order.number)).toEqual(['C3A1-0009']);
    expect(await reopened.settle()).toEqual([]);
    expect((await again.payments.find().exec()).map((p) => [p.id, p.amount, p.change])).toEqual([[sale.payments[0]!.id, 7077, 2923]]);
    expect(await again.orders.count().exec()).toBe(1);
    reopened.stop();
  });
});

describe('cart journal after a crash before the cart was cleared', () => {
  it('files the sale and starts a fresh cart instead of selling it again', async () => {
    const name = `crash-${newId()}`;
    const db = await openRegisterDatabase({ name, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), collections: ['orders', 'payments'] });
    const journal = await persistCart(db, await openSaleJournal(`journal-${name}`, indexedDB));
    useCart.getState().addItem(haircut, 'sam');
    useCart.getState().addTender(applyTender(7077, 'USD', { tender: 'CASH', amount: 7077 }));
    await journal.flush();
    const cart = { ...cartOf(useCart.getState()), number: 'N-7' };
    await journal.commitSale(saleFromCart(cart, { settings: settings(), register: REGISTER, cashierId: null, number: 'N-7', now: new Date(TEST_NOW) }));
    journal.stop(); // the crash: the cart with its tenders is still saved
    await db.close();

    const again = await openRegisterDatabase({ name, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), collections: ['orders', 'payments'] });
    const reopened = await persistCart(again, await openSaleJournal(`journal-${name}`, indexedDB));
    expect(useCart.getState().lines).toEqual([]);
    expect(useCart.getState().orderId).not.toBe(cart.orderId);
    expect((await reopened.settle()).map((s) => s.order.number)).toEqual(['N-7']);
    expect(await again.orders.count().exec()).toBe(1);
    reopened.stop();
    await again.close();
  });
});

describe('cart journal across restarts', () => {
  it('names after a restart only the sales it really had to file, and each once', async () => {
    const name = `restart-${newId()}`;
    const open = () => openRegisterDatabase({ name, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), collections: ['orders', 'payments'] });
    const store = () => openSaleJournal(`journal-${name}`, indexedDB);
    const db = await open();
    const journal = await persistCart(db, await store());
    const sell = async (number: string) => {
      useCart.getState().addItem(haircut, 'sam');
      useCart.getState().addTender(applyTender(7077, 'USD', { tender: 'CASH', amount: 7077 }));
      const sale = saleFromCart({ ...cartOf(useCart.getState()), number }, { settings: settings(), register: REGISTER, cashierId: null, number, now: new Date() });
      await journal.commitSale(sale);
      useCart.getState().reset();
      return sale;
    };
    await sell('N-1');
    expect((await journal.settle()).map((s) => s.order.number)).toEqual(['N-1']); // filed as the register runs
    const filedTwice = await sell('N-2');
    await recordSale(db, filedTwice); // filed, then the crash before the journal let it go
    await sell('N-3'); // the crash before it was filed
    journal.stop();
    await db.close();

    const again = await open();
    const restarted = await persistCart(again, await store());
    expect((await restarted.settle()).map((s) => s.order.number)).toEqual(['N-3']);
    expect(await (await store()).all()).toEqual([]);
    restarted.stop();
    await again.close();

    const third = await open();
    const once = await persistCart(third, await store());
    expect(await once.settle()).toEqual([]);
    expect((await third.orders.find().exec()).map((o) => o.number).sort()).toEqual(['N-1', 'N-2', 'N-3']);
    once.stop();
    await third.close();
  });
});

describe('cart journal while the register runs', () => {
  it('files each committed sale, also one committed while another is being filed', async () => {
    const db = await openRegisterDatabase({ name: `live-${newId()}`, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), collections: ['orders', 'payments'] });
    const journal = await persistCart(db, await openSaleJournal(`journal-live-${newId()}`, indexedDB));
    expect(await journal.settle()).toEqual([]);
    const ring = async (number: string) => {
      useCart.getState().addItem(haircut, 'sam');
      useCart.getState().addTender(applyTender(7077, 'USD', { tender: 'CASH', amount: 7077 }));
      const cart = { ...cartOf(useCart.getState()), number };
      await journal.commitSale(saleFromCart(cart, { settings: settings(), register: REGISTER, cashierId: null, number, now: new Date(TEST_NOW) }));
      useCart.getState().reset();
      return { filed: journal.settle() };
    };
    const first = await ring('N-1'); // filing of N-1 still running when N-2 is committed
    const second = await ring('N-2');
    await Promise.all([first.filed, second.filed]);
    expect((await db.orders.find().exec()).map((o) => o.number).sort()).toEqual(['N-1', 'N-2']);
    expect(await db.payments.count().exec()).toBe(2);
    journal.stop();
    await db.close();
  });
});

describe('client search and quick add', () => {
  const at = '2026-11-21T00:00:00.000Z';
  const clients: ClientDoc[] = [
    { id: '1', tenantId: 't', name: 'Maria Gomez', phone: '(555) 010-2233', email: 'maria@example.com', createdAt: at, updatedAt: at },
    { id: '2', tenantId: 't', name: 'Tom Becker', phone: '555-010-7788', email: null, createdAt: at, updatedAt: at },
    { id: '3', tenantId: 't', name: 'Amaria Stone', phone: null, email: 'priya@example.com', createdAt: at, updatedAt: at },
  ];
  it('finds by name, email or phone digits whatever the punctuation, names starting with the query first', () => {
    expect(matchClients(clients, 'maria').map((c) => c.name)).toEqual(['Maria Gomez', 'Amaria Stone']);
    expect(matchClients(clients, '5550107788').map((c) => c.name)).toEqual(['Tom Becker']);
    expect(matchClients(clients, '010-22').map((c) => c.name)).toEqual(['Maria Gomez']);
    expect(matchClients(clients, 'priya@').map((c) => c.name)).toEqual(['Amaria Stone']);
    expect(matchClients(clients, '  ')).toEqual([]);
  });
  it('checks a new client before saving it', () => {
    const scope = { id: 'n', tenantId: 't', now: new Date(at) };
    expect(newClient({ name: '  Dana   Whit ', phone: '555 123 4567', email: ' Dana@Example.com ' }, scope)).toEqual({
      id: 'n', tenantId: 't', name: 'Dana Whit', phone: '555 123 4567', email: 'dana@example.com', createdAt: at, updatedAt: at,
    });
    expect(newClient({ name: '', phone: '', email: '' }, scope)).toEqual({ error: 'Enter the client’s name.' });
    expect(newClient({ name: 'A', phone: '12', email: '' }, scope)).toMatchObject({ error: expect.stringContaining('too short') });
    expect(newClient({ name: 'A', phone: '', email: 'nope' }, scope)).toMatchObject({ error: expect.stringContaining('email') });
  });
});

describe('keyboard and input helpers', () => {
  it('tells a barcode scanner burst from a person typing', () => {
    const scans: string[] = [];
    const reader = barcodeReader((code) => scans.push(code));
    let t = 0;
    for (const key of '0850001234567') expect(reader.key(key, (t += 5))).toBe(false);
    expect(reader.key('Enter', (t += 5))).toBe(true);
    for (const key of '12345678') reader.key(key, (t += 200)); // typed by hand
    expect(reader.key('Enter', (t += 200))).toBe(false);
    for (const key of '123') reader.key(key, (t += 5)); // too short
    expect(reader.key('Enter', t + 5)).toBe(false);
    expect(scans).toEqual(['0850001234567']);
  });

  it('reads a discount as a percentage or an amount', () => {
    expect(parseDiscount('10%', 'USD')).toEqual({ percent: '10' });
    expect(parseDiscount(' 12.5 % ', 'USD')).toEqual({ percent: '12.5' });
    expect(parseDiscount('5', 'USD')).toEqual({ amount: 500 });
    expect(parseDiscount('5.25', 'USD')).toEqual({ amount: 525 });
    expect(parseDiscount('', 'USD')).toBeNull();
    expect(() => parseDiscount('5.255', 'USD')).toThrow();
  });

  it('locks after the idle time, and any touch starts it again', () => {
    vi.useFakeTimers();
    try {
      const onIdle = vi.fn();
      const timer = idleTimer(onIdle, 1000);
      vi.advanceTimersByTime(900);
      timer.touch();
      vi.advanceTimersByTime(900);
      expect(onIdle).not.toHaveBeenCalled();
      vi.advanceTimersByTime(100);
      expect(onIdle).toHaveBeenCalledOnce();
      timer.stop();
    } finally {
      vi.useRealTimers();
    }
    expect(idleLockMs({ getItem: () => null })).toBe(5 * 60_000);
    expect(idleLockMs({ getItem: () => '1500' })).toBe(1500);
    expect(idleLockMs({ getItem: () => 'soon' })).toBe(5 * 60_000);
  });
});

describe('sale journal upgrade', () => {
  it('carries the sales a version 1 journal (keyed by key path) holds over to version 2', async () => {
    const name = `journal-v1-${newId()}`;
    useCart.getState().reset();
    useCart.getState().addItem(haircut, 'sam');
    useCart.getState().addTender(applyTender(7077, 'USD', { tender: 'CASH', amount: 7077 }));
    const cart = { ...cartOf(useCart.getState()), number: 'V1-1' };
    const sale = saleFromCart(cart, { settings: settings(), register: REGISTER, cashierId: null, number: 'V1-1', now: new Date(TEST_NOW) });
    useCart.getState().reset();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('sales', { keyPath: 'order.id' }).put(sale);
      request.onsuccess = () => (request.result.close(), resolve());
      request.onerror = () => reject(request.error);
    });
    const journal = await openSaleJournal(name, indexedDB);
    expect((await journal.all()).map((s) => s.order.number)).toEqual(['V1-1']);
    const next = { ...sale, order: { ...sale.order, id: newId(), number: 'V1-2', createdAt: new Date(Date.parse(sale.order.createdAt) + 1000).toISOString() } };
    await journal.put(next);
    await journal.remove(sale.order.id);
    expect((await journal.all()).map((s) => s.order.number)).toEqual(['V1-2']);
    journal.close();
  });
});
