import type { RegisterDatabase } from '../db/database';
import { cartOf, useCart, type Cart } from './cart-store';

const CART_DOC = 'cart';

/**
 * Keeps the cart in the register database: loads the saved cart, then writes every change
 * (the latest state wins; writes never overlap). Returns the unsubscribe; `flush` waits for
 * the last write.
 */
export async function persistCart(db: RegisterDatabase): Promise<{ stop(): void; flush(): Promise<void> }> {
  const saved = await db.getLocal<{ cart: Cart }>(CART_DOC);
  const cart = saved?.get('cart') as Cart | undefined;
  if (cart?.orderId) useCart.getState().load(structuredClone(cart));

  let writing: Promise<void> = Promise.resolve();
  let latest: Cart | null = null;
  const write = () => {
    writing = writing.then(async () => {
      const next = latest;
      latest = null;
      if (next) await db.upsertLocal(CART_DOC, { cart: next });
    });
    return writing;
  };
  const stop = useCart.subscribe((state) => {
    latest = cartOf(state);
    void write();
  });
  return { stop, flush: () => write() };
}
