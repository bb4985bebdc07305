import { adjustmentSchema, type AdjustmentDoc } from './adjustments';
import { auditEventSchema, type AuditEventDoc } from './audit-events';
import { catalogSchema, type CatalogItemDoc } from './catalog';
import { clientSchema, type ClientDoc } from './clients';
import { drawerSchema, type DrawerDoc } from './drawer';
import { notificationSchema, type NotificationDoc } from './notifications';
import { orderSchema, type OrderDoc } from './orders';
import { paymentSchema, type PaymentDoc } from './payments';
import { settingsSchema, type SettingsDoc } from './settings';
import { staffSchema, type StaffDoc } from './staff';

/**
 * How a collection replicates:
 * - `push`: registers may push it (sales, payments, clients added at the desk, receipt emails); otherwise it is owned by the server and
 *   only pulled down (catalog, staff, settings).
 * - `appendOnly`: once stored, a document never changes (money history, DESIGN rule 4).
 */
export interface CollectionSpec {
  readonly schema: { readonly title: string; readonly primaryKey: string; readonly properties: object };
  readonly push: boolean;
  readonly appendOnly: boolean;
}

export const COLLECTIONS = {
  orders: { schema: orderSchema, push: true, appendOnly: true },
  payments: { schema: paymentSchema, push: true, appendOnly: true },
  catalog: { schema: catalogSchema, push: false, appendOnly: false },
  staff: { schema: staffSchema, push: false, appendOnly: false },
  settings: { schema: settingsSchema, push: false, appendOnly: false },
  clients: { schema: clientSchema, push: true, appendOnly: false },
  notifications: { schema: notificationSchema, push: true, appendOnly: true },
  adjustments: { schema: adjustmentSchema, push: true, appendOnly: true },
  audit_events: { schema: auditEventSchema, push: true, appendOnly: true },
  drawer: { schema: drawerSchema, push: true, appendOnly: true },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;

export interface CollectionDocs {
  orders: OrderDoc;
  payments: PaymentDoc;
  catalog: CatalogItemDoc;
  staff: StaffDoc;
  settings: SettingsDoc;
  clients: ClientDoc;
  notifications: NotificationDoc;
  adjustments: AdjustmentDoc;
  audit_events: AuditEventDoc;
  drawer: DrawerDoc;
}

export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}
