import { formatMoney, money } from '../../../shared/money/index';
import { paidTotals, receiptGiveBacks, receiptPayments } from '../../../shared/receipts/index';
import type { AdjustmentDoc, ClientDoc, OrderDoc, PaymentDoc, SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import { formatLocalDateTime } from '../../../shared/time';
import { stringsFor, type Strings } from '../strings';

export interface ViewRow {
  label: string;
  /** Smaller lines under the label (staff, discount). */
  notes?: string[];
  amount: string;
}

/**
 * A receipt as words and formatted figures, made once from the stored documents and drawn by
 * both the email (HTML and text) and the PDF, so they cannot disagree; the figures are the
 * register's receipt's (renderer/src/checkout/Receipt.tsx), with the same shared sums.
 */
export interface ReceiptView {
  strings: Strings;
  locale: string;
  subject: string;
  heading: string;
  businessName: string;
  locationName: string;
  address: string;
  orderNumber: string;
  date: string;
  meta: string[];
  lines: ViewRow[];
  totals: ViewRow[];
  paid: string;
  tenders: ViewRow[];
  after: ViewRow[];
  giveBacks: ViewRow[];
  footer: string;
}

export interface ReceiptSources {
  order: OrderDoc;
  payments: PaymentDoc[];
  adjustments: AdjustmentDoc[];
  settings: SettingsDoc;
  staff: StaffDoc[];
  client: ClientDoc | null;
}

export function receiptView({ order, payments: paymentDocs, adjustments, settings, staff, client }: ReceiptSources): ReceiptView {
  const s = stringsFor(settings.locale);
  const fmt = (minor: number) => formatMoney(money(minor, order.currency), settings.locale);
  const when = (instant: string) => formatLocalDateTime(instant, settings.timeZone, settings.locale);
  const name = (id: string | null) => (id ? (staff.find((m) => m.id === id)?.name ?? '') : '');
  const { taken } = receiptPayments(paymentDocs);
  const { paid, change } = paidTotals(taken);
  const giveBacks = receiptGiveBacks(order, adjustments, taken);
  const refund = giveBacks.length > 0;
  const meta = [
    ...(order.cashierId ? [`${s.servedBy} ${name(order.cashierId)}`] : []),
    ...(client ? [`${s.client}: ${client.name}`] : []),
  ];
  const lines = order.lines.map((line) => ({
    label: `${line.quantity > 1 ? `${line.quantity} × ` : ''}${line.name}`,
    notes: [...(line.staffId ? [s.withStaff(name(line.staffId))] : []), ...(line.discount > 0 ? [`${s.discount} −${fmt(line.discount)}`] : [])],
    amount: fmt(line.unitPrice * line.quantity),
  }));
  const totals: ViewRow[] = [
    { label: s.subtotal, amount: fmt(order.subtotal) },
    ...(order.discountTotal > 0 ? [{ label: s.discounts, amount: `−${fmt(order.discountTotal)}` }] : []),
    ...order.taxes.map((tax) => ({ label: `${tax.name} (${tax.rate}%)${order.taxInclusive ? ` ${s.taxIncluded}` : ''}`, amount: fmt(tax.amount) })),
    { label: s.total, amount: fmt(order.total) },
    ...(order.tipTotal > 0 ? [{ label: s.tip, amount: fmt(order.tipTotal) }] : []),
    ...order.tipShares.map((share) => ({ label: `· ${name(share.staffId)}`, amount: fmt(share.amount) })),
  ];
  const tenders = taken.map((p) => ({
    label: [
      s.tenders[p.tender],
      p.cardBrand ? ` ${p.cardBrand}` : '',
      p.cardLast4 ? ` ····${p.cardLast4}` : '',
      p.label ? ` (${p.label})` : '',
      p.tender === 'CASH' && p.tendered !== null ? ` · ${s.received} ${fmt(p.tendered)}` : '',
    ].join(''),
    amount: fmt(p.amount + p.tip),
  }));
  return {
    strings: s,
    locale: settings.locale,
    subject: (refund ? s.refundSubject : s.receiptSubject)(settings.businessName, order.number),
    heading: refund ? s.refundHeading : s.receiptHeading,
    businessName: settings.businessName,
    locationName: settings.locationName,
    address: settings.address,
    orderNumber: order.number,
    date: when(order.createdAt),
    meta,
    lines,
    totals,
    paid: fmt(paid),
    tenders,
    after: change > 0 ? [{ label: s.change, amount: fmt(change) }] : [],
    giveBacks: giveBacks.map((g) => ({
      label: `${g.kind === 'refund' ? s.refunded : s.voided} · ${when(g.createdAt)}${g.reason ? ` (${g.reason})` : ''}`,
      amount: `−${fmt(g.total)}`,
    })),
    footer: settings.receiptFooter,
  };
}
