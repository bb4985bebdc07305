import type { RegisterDatabase } from '../db/database';
import type { Sale } from '../sales/build-sale';
import { recordSale } from '../sales/record-sale';
import { cartOf, useCart, type Cart } from './cart-store';

const CART_DOC = 'cart';

/** What the register keeps in its `cart` local document. */
interface CartDocument {
  cart: Cart;
  /**
   * Completed sales not yet written to orders and payments. A sale is durable the moment it is
   * here: one IndexedDB write holds its order and payments, before any printing or network;
   * they are then copied into their collections (idempotently, also after a restart).
   */
  sales?: Sale[];
}

export interface CartJournal {
  /** Makes the sale durable (one write) and clears nothing else; resolves once it is committed. */
  commitSale(sale: Sale, cart: Cart): Promise<void>;
  /** Copies committed sales into orders and payments, then drops them from the journal. */
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
 * (the latest state wins; writes never overlap). Completed sales ride in the same document
 * until they are settled into their collections.
 */
export async function persistCart(db: RegisterDatabase): Promise<CartJournal> {
  const saved = (await db.getLocal<CartDocument>(CART_DOC))?.toJSON().data as CartDocument | undefined;
  if (saved?.cart?.orderId) useCart.getState().load(structuredClone(saved.cart));
  let sales: Sale[] = structuredClone(saved?.sales ?? []);
  let cart: Cart = cartOf(useCart.getState());

  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  const write = () => {
    dirty = true;
    // A failed write fails its caller, never the writes after it.
    writing = writing.catch(() => undefined).then(async () => {
      if (!dirty) return;
      dirty = false;
      await db.upsertLocal<CartDocument>(CART_DOC, { cart, sales });
    });
    return writing;
  };
  const stopWatching = useCart.subscribe((state) => {
    cart = cartOf(state);
    void write();
  });

  const fileAll = async (): Promise<Sale[]> => {
    const done: Sale[] = [];
    try {
      // Sales committed while filing are filed in the same run.
      for (let next = sales[0]; next; next = sales.find((s) => !done.includes(s))) {
        await recordSale(db, next);
        done.push(next);
      }
    } finally {
      sales = sales.filter((s) => !done.includes(s));
      await write();
    }
    return done;
  };
  let settling: Promise<unknown> = Promise.resolve();
  const journal: CartJournal = {
    commitSale(sale, saleCart) {
      sales = [...sales.filter((s) => s.order.id !== sale.order.id), sale];
      cart = saleCart;
      return write();
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
