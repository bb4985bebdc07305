import { create } from 'zustand';
import { newId } from '../../../shared/ids';
import type { Discount } from '../../../shared/pricing/index';
import type { CatalogItemDoc } from '../../../shared/schemas/index';
import type { SettledTender } from '../../../shared/tenders/index';
import type { TipShare } from '../../../shared/tips/index';
import { linesWithoutStylist, type CartLine, type TakenTender, type TipSelection } from '../sales/build-sale';

/**
 * The sale being rung up. Plain JSON, so it can be kept in the register database (an RxDB
 * local document) after every change: a reload or a crash finds it as it was.
 */
export interface Cart {
  /** Fixed when the sale starts, so paying twice writes the same order. */
  orderId: string;
  /** The human-friendly number, taken when payment is first attempted. */
  number: string | null;
  lines: CartLine[];
  orderDiscount: Discount | null;
  clientId: string | null;
  tip: TipSelection;
  /** A manual tip split; null shares the tip by service value. */
  tipShares: TipShare[] | null;
  /** Tenders already taken (e.g. a card machine approved part of it); written with the order. */
  tenders: TakenTender[];
  stage: 'cart' | 'pay';
}

export function emptyCart(): Cart {
  return { orderId: newId(), number: null, lines: [], orderDiscount: null, clientId: null, tip: { kind: 'none' }, tipShares: null, tenders: [], stage: 'cart' };
}

export interface CartActions {
  addItem(item: Pick<CatalogItemDoc, 'id' | 'kind' | 'name' | 'price'>, staffId?: string | null): void;
  addCustom(name: string, amount: number, staffId?: string | null): void;
  setQuantity(lineId: string, quantity: number): void;
  /** Who did a service: a staff id, "house" (no one, on purpose), or null (not chosen yet). */
  setLineStaff(lineId: string, staffId: string | 'house' | null): void;
  setLineDiscount(lineId: string, discount: Discount | null): void;
  removeLine(lineId: string): void;
  setOrderDiscount(discount: Discount | null): void;
  setClient(clientId: string | null): void;
  setTip(tip: TipSelection): void;
  setTipShares(shares: TipShare[] | null): void;
  setStage(stage: Cart['stage']): void;
  setNumber(number: string): void;
  addTender(tender: SettledTender): void;
  removeTender(paymentId: string): void;
  /** Replace the whole cart (loading it from the database). */
  load(cart: Cart): void;
  reset(): void;
}

export type CartStore = Cart & CartActions;

/** Lines, discounts and the tip are settled before money is taken: after a tender they stay put. */
function editable(state: Cart): boolean {
  return state.tenders.length === 0;
}

export const useCart = create<CartStore>()((set) => {
  const edit = (change: (state: Cart) => Partial<Cart>) => set((state) => (editable(state) ? change(state) : {}));
  const editLine = (lineId: string, change: (line: CartLine) => CartLine) =>
    edit((state) => ({ lines: state.lines.map((line) => (line.id === lineId ? change(line) : line)) }));
  return {
    ...emptyCart(),
    addItem: (item, staffId = null) =>
      edit((state) => {
        const same = item.kind === 'product' ? state.lines.find((line) => line.itemId === item.id) : undefined;
        if (same) return { lines: state.lines.map((line) => (line === same ? { ...line, quantity: line.quantity + 1 } : line)) };
        const line: CartLine = {
          id: newId(), itemId: item.id, kind: item.kind, name: item.name, unitPrice: item.price, quantity: 1,
          staffId: item.kind === 'product' ? null : staffId, discount: null,
        };
        return { lines: [...state.lines, line], stage: 'cart' };
      }),
    addCustom: (name, amount, staffId = null) =>
      edit((state) => ({
        lines: [...state.lines, { id: newId(), itemId: null, kind: 'custom', name, unitPrice: amount, quantity: 1, staffId, discount: null }],
      })),
    setQuantity: (lineId, quantity) => editLine(lineId, (line) => ({ ...line, quantity: Math.max(1, Math.min(100000, Math.trunc(quantity))) })),
    setLineStaff: (lineId, staffId) => editLine(lineId, (line) => ({ ...line, staffId: staffId === 'house' ? null : staffId, house: staffId === 'house' })),
    setLineDiscount: (lineId, discount) => editLine(lineId, (line) => ({ ...line, discount })),
    removeLine: (lineId) =>
      edit((state) => {
        const lines = state.lines.filter((line) => line.id !== lineId);
        return { lines, stage: lines.length ? state.stage : 'cart', tipShares: null };
      }),
    setOrderDiscount: (orderDiscount) => edit(() => ({ orderDiscount })),
    setClient: (clientId) => set({ clientId }),
    setTip: (tip) => edit(() => ({ tip, tipShares: null })),
    setTipShares: (tipShares) => edit(() => ({ tipShares })),
    // Back to the cart only while nothing is paid; on to payment only when every service has its stylist (or House).
    setStage: (stage) =>
      set((state) => ((stage === 'cart' && !editable(state)) || (stage === 'pay' && linesWithoutStylist(state.lines).length) ? {} : { stage })),
    setNumber: (number) => set({ number }),
    addTender: (tender) => set((state) => ({ tenders: [...state.tenders, { ...tender, paymentId: newId() }] })),
    removeTender: (paymentId) => set((state) => ({ tenders: state.tenders.filter((t) => t.paymentId !== paymentId) })),
    load: (cart) => set({ ...emptyCart(), ...cart }),
    reset: () => set(emptyCart()),
  };
});

export function cartOf(state: CartStore): Cart {
  const { orderId, number, lines, orderDiscount, clientId, tip, tipShares, tenders, stage } = state;
  return { orderId, number, lines, orderDiscount, clientId, tip, tipShares, tenders, stage };
}
