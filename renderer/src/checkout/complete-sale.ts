import type { SettingsDoc } from '../../../shared/schemas/index';
import type { RegisterDatabase } from '../db/database';
import { buildSale, type RegisterIdentity, type Sale } from '../sales/build-sale';
import { recordSale } from '../sales/record-sale';
import type { Cart } from './cart-store';

export interface SaleContext {
  settings: SettingsDoc;
  register: RegisterIdentity;
  cashierId: string | null;
}

/** The sale a cart comes to once its tenders cover the balance. */
export function saleFromCart(cart: Cart, context: SaleContext & { number: string; now: Date }): Sale {
  return buildSale({
    orderId: cart.orderId,
    number: context.number,
    lines: cart.lines,
    orderDiscount: cart.orderDiscount,
    clientId: cart.clientId,
    tip: cart.tip,
    tipShares: cart.tipShares,
    tenders: cart.tenders,
    settings: context.settings,
    register: context.register,
    cashierId: context.cashierId,
    now: context.now,
  });
}

/**
 * After a crash between writing a sale's order and clearing its cart: the order is stored, so
 * finish writing the same sale (its payments may be missing) and give it back to show its
 * receipt. Null when the cart's sale was never written.
 */
export async function resumeCart(db: RegisterDatabase, cart: Cart, settings: SettingsDoc): Promise<Sale | null> {
  if (!cart.number || cart.tenders.length === 0) return null;
  const stored = await db.orders.findOne(cart.orderId).exec();
  if (!stored) return null;
  const order = stored.toJSON();
  const sale = saleFromCart(cart, {
    settings,
    register: { tenantId: order.tenantId, locationId: order.locationId, deviceId: order.deviceId },
    cashierId: order.cashierId,
    number: order.number,
    now: new Date(order.createdAt),
  });
  await recordSale(db, sale);
  return { ...sale, order: order as Sale['order'] };
}
