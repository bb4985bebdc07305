import type { SettingsDoc } from '../../../shared/schemas/index';
import { buildSale, type RegisterIdentity, type Sale } from '../sales/build-sale';
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
