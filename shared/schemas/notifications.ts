import { instantField, refField, registerBornFields } from './fields';

/** A plain address check (something@host.tld); the mail server has the last word. */
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

export const NOTIFICATION_KINDS = ['receipt'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A request to send something to a person, made on the register (e.g. "email this receipt")
 * and carried out by the server's notifications work. Written once; what happened to it is
 * recorded on the server.
 */
export interface NotificationDoc {
  id: string;
  tenantId: string;
  locationId: string;
  deviceId: string;
  kind: NotificationKind;
  channel: 'email';
  orderId: string;
  to: string;
  createdAt: string;
}

export const notificationSchema = {
  title: 'notifications',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...registerBornFields,
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    channel: { type: 'string', enum: ['email'] },
    orderId: refField,
    to: { type: 'string', pattern: EMAIL_PATTERN, maxLength: 254 },
    createdAt: instantField,
  },
  required: ['id', 'tenantId', 'locationId', 'deviceId', 'kind', 'channel', 'orderId', 'to', 'createdAt'],
  indexes: ['orderId'],
} as const;
