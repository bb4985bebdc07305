import type { Tender } from '../../../shared/schemas/index';

/** How each tender reads on buttons and receipts. */
export const TENDER_NAMES: Record<Tender, string> = {
  CASH: 'Cash',
  CARD_EXTERNAL: 'Card (machine)',
  CARD_TERMINAL: 'Card terminal',
  ZELLE: 'Zelle',
  VENMO: 'Venmo',
  CHECK: 'Check',
  GIFT_CARD: 'Gift card',
  STORE_CREDIT: 'Store credit',
  OTHER: 'Other',
};
