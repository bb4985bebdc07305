import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { currencyExponent } from '../../../shared/money/index';
import type { SettingsDoc } from '../../../shared/schemas/index';
import { CSV_COLUMNS, decimalString, listPayments, type PaymentFilters } from '../../backoffice/payments';
import type { Database } from '../../db/schema';
import { documentsById } from '../../projections/documents';
import type { ComposedMail } from '../receipt/compose';
import { renderSimpleEmail } from '../simple-email';
import { stringsFor } from '../strings';

/** Payments read from the database per page; each page is written to the file and let go. */
const PAGE = 5000;
const MONEY = ['amount', 'tip', 'fee', 'total'] as const;

/**
 * An amount as the spreadsheet's number: the exact decimal (the file stores the shortest text
 * of the number, which is this decimal), shown with the currency's digits.
 */
const cellAmount = (minor: number, currency: string) => Number(decimalString(minor, currency));

export interface ExportPayload {
  filters: PaymentFilters;
  receivedBy: string;
}

/**
 * The payment history as .xlsx, written with exceljs's streaming writer to a temporary file
 * page by page (memory stays flat whatever the count), the CSV export's columns, then one
 * totals row per currency summed in minor units.
 */
export async function composePaymentsExport(
  db: Kysely<Database>,
  n: { id: string; tenant_id: string; location_id: string; payload: Record<string, unknown> | null },
  now: () => Date,
): Promise<ComposedMail> {
  const payload = n.payload as unknown as ExportPayload;
  const settings = (await documentsById<SettingsDoc>(db, n.tenant_id, 'settings', [n.location_id])).get(n.location_id);
  const s = stringsFor(settings?.locale ?? 'en-US');
  const file = join(tmpdir(), `payments-${n.id}.xlsx`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Payments');
  sheet.columns = CSV_COLUMNS.map((key) => ({ header: key, key, width: key.endsWith('_id') ? 38 : 14 }));
  const totals = new Map<string, Record<(typeof MONEY)[number], number>>();
  const filters: PaymentFilters = { ...payload.filters, receivedBy: new Date(payload.receivedBy) };
  const ctx = { db, now, clearingDelayHours: 0 };
  let count = 0;
  for (let page = 0; ; page++) {
    const { data } = await listPayments(ctx, n.tenant_id, filters, { page, limit: PAGE });
    for (const p of data) {
      const format = currencyExponent(p.currency) === 0 ? '0' : `0.${'0'.repeat(currencyExponent(p.currency))}`;
      const row = sheet.addRow({
        payment_id: p.id, created_at: p.createdAt, business_date: p.businessDate, location_id: p.locationId, order_id: p.orderId,
        order_number: p.orderNumber, client_id: p.clientId, cashier_id: p.cashierId, tender: p.tender, mode: p.mode, status: p.status,
        currency: p.currency, card_brand: p.cardBrand, card_last4: p.cardLast4, label: p.label,
        ...Object.fromEntries(MONEY.map((key) => [key, cellAmount(p[key], p.currency)])),
      });
      for (const key of MONEY) row.getCell(key).numFmt = format;
      row.commit();
      const sum = totals.get(p.currency) ?? { amount: 0, tip: 0, fee: 0, total: 0 };
      for (const key of MONEY) sum[key] += p[key];
      totals.set(p.currency, sum);
    }
    count += data.length;
    if (data.length < PAGE) break;
  }
  for (const [currency, sum] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    sheet.addRow({ payment_id: `${s.total} ${currency}`, currency, ...Object.fromEntries(MONEY.map((key) => [key, cellAmount(sum[key], currency)])) }).commit();
  }
  sheet.commit();
  await workbook.commit();
  const business = settings?.businessName ?? '';
  const subject = s.exportSubject(business);
  const { html, text } = await renderSimpleEmail({ locale: settings?.locale ?? 'en-US', subject, heading: s.exportHeading, paragraphs: [s.exportBody(count)] });
  return {
    subject, html, text,
    attachments: [{ filename: 'payments.xlsx', path: file, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
    cleanup: () => rm(file, { force: true }),
  };
}
