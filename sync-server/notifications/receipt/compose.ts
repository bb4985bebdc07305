import type { Kysely } from 'kysely';
import type { AdjustmentDoc, ClientDoc, OrderDoc, PaymentDoc, SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import type { Database } from '../../db/schema';
import { documentsById } from '../../projections/documents';
import { documentsWhere } from '../../review/documents';
import { MissingDocument } from '../missing-document';
import { renderReceiptEmail } from './receipt-email';
import { renderReceiptPdf } from './receipt-pdf';
import { receiptView } from './receipt-view';


export interface ComposedMail {
  subject: string;
  html: string;
  text: string;
  /** Attachments in memory (`content`) or in a file (`path`, streamed). */
  attachments: ({ filename: string; contentType: string } & ({ content: Buffer } | { path: string }))[];
  /** Removes what composing left on disk, once the message is sent or given up. */
  cleanup?: () => Promise<void>;
}

/** The receipt email of an order, with its PDF, from the documents the server holds for the tenant. */
export async function composeReceipt(db: Kysely<Database>, tenantId: string, locationId: string, orderId: string): Promise<ComposedMail> {
  const order = (await documentsById<OrderDoc>(db, tenantId, 'orders', [orderId])).get(orderId);
  if (!order || order.locationId !== locationId) throw new MissingDocument(`Order ${orderId} does not exist at this location.`);
  const settings = (await documentsById<SettingsDoc>(db, tenantId, 'settings', [locationId])).get(locationId);
  if (!settings) throw new MissingDocument(`Location ${locationId} has no settings.`);
  const [payments, adjustments, staff, clients] = await Promise.all([
    documentsWhere<PaymentDoc>(db, tenantId, 'payments', 'orderId', [orderId]),
    documentsWhere<AdjustmentDoc>(db, tenantId, 'adjustments', 'orderId', [orderId]),
    documentsById<StaffDoc>(db, tenantId, 'staff', [order.cashierId, ...order.lines.map((l) => l.staffId), ...order.tipShares.map((t) => t.staffId)].filter((id): id is string => Boolean(id))),
    documentsById<ClientDoc>(db, tenantId, 'clients', order.clientId ? [order.clientId] : []),
  ]);
  const view = receiptView({ order, payments, adjustments, settings, staff: [...staff.values()], client: order.clientId ? (clients.get(order.clientId) ?? null) : null });
  const [{ html, text }, pdf] = await Promise.all([renderReceiptEmail(view), renderReceiptPdf(view, new Date(order.createdAt))]);
  return {
    subject: view.subject,
    html,
    text,
    attachments: [{ filename: `receipt-${order.number}.pdf`, content: pdf, contentType: 'application/pdf' }],
  };
}
