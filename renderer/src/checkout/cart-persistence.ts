import type { RegisterDatabase } from '../db/database';
import type { SaleJournal } from '../db/sale-journal';
import type { Sale } from '../sales/build-sale';
import { recordSale } from '../sales/record-sale';
import { cartOf, useCart, type Cart } from './cart-store';

const CART_DOC = 'cart';

/** What the register keeps in its `cart` local document. */
interface CartDocument {
  cart: Cart;
}

export interface CartJournal {
  /** Makes the sale durable (one IndexedDB transaction); resolves once it is committed. */
  commitSale(sale: Sale): Promise<void>;
  /**
   * Copies committed sales into orders and payments, then drops them from the journal.
   * Resolves with the sales this run stored (not those already filed before).
   */
  settle(): Promise<Sale[]>;
  /** Waits for the last write. */
  flush(): Promise<void>;
  stop(): void;
}

let current: CartJournal | null = null;

/** The journal of the open register (set by persistCart). */
export function cartJournal(): CartJournal {
  if (!current) throw new Error('The cart is not open yet.');
  return current;
}

/**
 * Keeps the cart in the register database: loads the saved cart, then writes every change
 * (the latest state wins; writes never overlap). A completed sale is durable once it is in the
 * sale journal (one IndexedDB transaction with its order and payments, before any printing or
 * network); it is then filed into orders and payments, idempotently, also after a restart.
 */
export async function persistCart(db: RegisterDatabase, store: SaleJournal): Promise<CartJournal> {
  const saved = (await db.getLocal<CartDocument>(CART_DOC))?.toJSON().data as CartDocument | undefined;
  let sales: Sale[] = await store.all();
  const sold = saved?.cart?.orderId && (sales.some((s) => s.order.id === saved.cart.orderId) || (await db.orders.findOne(saved.cart.orderId).exec()));
  // A crash after a sale was committed but before its cart was cleared: the sale is kept, the cart is done.
  if (saved?.cart?.orderId && !sold) useCart.getState().load(structuredClone(saved.cart));
  else useCart.getState().reset();
  let cart: Cart = cartOf(useCart.getState());

  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  const write = () => {
    dirty = true;
    // A failed write fails its caller, never the writes after it.
    writing = writing.catch(() => undefined).then(async () => {
      if (!dirty) return;
      dirty = false;
      await db.upsertLocal<CartDocument>(CART_DOC, { cart });
    });
    return writing;
  };
  const stopWatching = useCart.subscribe((state) => {
    cart = cartOf(state);
    void write();
  });

  const fileAll = async (): Promise<Sale[]> => {
    const done: Sale[] = [];
    const stored: Sale[] = [];
    try {
      // Sales committed while filing are filed in the same run.
      for (let next = sales[0]; next; next = sales.find((s) => !done.includes(s))) {
        if (await recordSale(db, next)) stored.push(next);
        // Filed: the journal lets it go, so a restart never files (or names) it again.
        await store.remove(next.order.id);
        done.push(next);
      }
    } finally {
      sales = sales.filter((s) => !done.includes(s));
    }
    return stored;
  };
  let settling: Promise<unknown> = Promise.resolve();
  const journal: CartJournal = {
    async commitSale(sale) {
      await store.put(sale);
      sales = [...sales.filter((s) => s.order.id !== sale.order.id), sale];
    },
    settle() {
      // One run after another: a sale committed during a run is filed by the next.
      const run = settling.catch(() => undefined).then(fileAll);
      settling = run;
      return run;
    },
    flush: () => writing,
    stop() {
      stopWatching();
      if (current === journal) current = null;
    },
  };
  current = journal;
  return journal;
}
