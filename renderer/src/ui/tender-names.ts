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

/** Card brands as processors report them ("visa", "amex") and as people write them. */
const CARD_BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  american_express: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  interac: 'Interac',
  eftpos_au: 'eftpos',
};

/** A card brand for the screen and the receipt: a processor's code in its usual spelling, anything typed as typed. */
export function cardBrandName(brand: string): string {
  return CARD_BRANDS[brand.trim().toLowerCase()] ?? brand;
}
