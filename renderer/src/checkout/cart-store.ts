import { create } from 'zustand';
import { newId } from '../../../shared/ids';
import type { CatalogItemDoc } from '../../../shared/schemas/index';
import { newSaleIds, type CartLine } from '../sales/build-sale';

interface CartState {
  /** The sale's ids, fixed when it starts so a repeated Pay writes the same documents. */
  ids: { orderId: string; paymentId: string };
  lines: CartLine[];
  add(item: CatalogItemDoc): void;
  remove(lineId: string): void;
  reset(): void;
}

export const useCart = create<CartState>()((set) => ({
  ids: newSaleIds(),
  lines: [],
  add: (item) =>
    set((state) => {
      const same = state.lines.find((line) => line.itemId === item.id && item.kind === 'product');
      if (same) return { lines: state.lines.map((line) => (line === same ? { ...line, quantity: line.quantity + 1 } : line)) };
      const line: CartLine = { id: newId(), itemId: item.id, kind: item.kind, name: item.name, unitPrice: item.price, quantity: 1, staffId: null };
      return { lines: [...state.lines, line] };
    }),
  remove: (lineId) => set((state) => ({ lines: state.lines.filter((line) => line.id !== lineId) })),
  reset: () => set({ ids: newSaleIds(), lines: [] }),
}));
