import { parseMajorUnits, type CurrencyCode } from '../../../shared/money/index';
import type { Tender } from '../../../shared/schemas/index';
import { applyTender, cashDue, type SettledTender, type TenderInput } from '../../../shared/tenders/index';
import { TENDER_NAMES } from '../ui/tender-names';

/** What the cashier typed for a tender: the amount (empty: the balance, or exact cash) and its details. */
export interface TypedTender {
  amount: number | null;
  label: string;
  cardBrand: string;
  cardLast4: string;
}

/** The tender Pay records for what is typed: the balance (exact cash) when no amount is typed. */
export function tenderInput(kind: Tender, balance: number, currency: CurrencyCode, typed: TypedTender): TenderInput {
  return {
    tender: kind,
    amount: typed.amount ?? (kind === 'CASH' ? cashDue(balance, currency) : balance),
    label: kind === 'OTHER' ? typed.label : null,
    cardBrand: kind === 'CARD_EXTERNAL' ? typed.cardBrand : null,
    cardLast4: kind === 'CARD_EXTERNAL' ? typed.cardLast4 : null,
  };
}

/** What Pay would record now, or null when it cannot (Pay then says why). */
export function payPreview(kind: Tender, balance: number, currency: CurrencyCode, amountText: string, typed: Omit<TypedTender, 'amount'>): SettledTender | null {
  try {
    const amount = amountText.trim() ? parseMajorUnits(amountText, currency).amount : null;
    return applyTender(balance, currency, tenderInput(kind, balance, currency, { ...typed, amount }));
  } catch {
    return null;
  }
}

/** The Pay button says what it records: the amount this tender pays, its change, what is left. */
export function payLabel(kind: Tender | null, balance: number, preview: SettledTender | null, fmt: (minor: number) => string): string {
  if (!kind) return `Pay ${fmt(balance)}`;
  if (!preview) return `Pay · ${TENDER_NAMES[kind]}`;
  const change = preview.change ? ` · change ${fmt(preview.change)}` : '';
  const left = preview.applied < balance ? ` · ${fmt(balance - preview.applied)} left` : '';
  return `Pay ${fmt(preview.applied)} · ${TENDER_NAMES[kind]}${change}${left}`;
}
