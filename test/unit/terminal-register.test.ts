import { describe, expect, it } from 'vitest';
import { decideForSaleOnScreen } from '../../renderer/src/terminal/register-terminal';

/** The register database's `cart` local document as checkout/cart-persistence keeps it. */
const dbWithCart = (cart: { orderId: string; lines: unknown[] } | null) => ({
  getLocal: async () => (cart ? { toJSON: () => ({ data: { cart } }) } : null),
}) as never;

describe('an authorized, uncaptured terminal payment found by reconciliation', () => {
  it('is captured only for the sale still on screen (the register restarted mid-payment)', async () => {
    expect(await decideForSaleOnScreen(dbWithCart({ orderId: 'o1', lines: [{}] }), 'o1')).toBe('capture');
  });
  it('is canceled for any other sale, an emptied cart, or no saved cart (abandoned)', async () => {
    expect(await decideForSaleOnScreen(dbWithCart({ orderId: 'o2', lines: [{}] }), 'o1')).toBe('cancel');
    expect(await decideForSaleOnScreen(dbWithCart({ orderId: 'o1', lines: [] }), 'o1')).toBe('cancel');
    expect(await decideForSaleOnScreen(dbWithCart(null), 'o1')).toBe('cancel');
  });
});
