import type { Kysely } from 'kysely';
import type { Refund } from '../../shared/refunds/index';
import type { Database } from '../db/schema';

/** A refund as the back office shows it: the money core's Refund, with where and when it happened. */
export interface PaymentRefund {
  id: string;
  orderId: string;
  createdAt: string;
  reason: string | null;
  refund: Refund;
}

/**
 * The refunds recorded against each payment, gathered from the replicated documents. There is
 * no refund document yet: refunds arrive with the adjustments collection (issue 5), which
 * plugs in here and in the ledger projection (as REFUND rows with negative figures). Until
 * then every payment has none.
 */
export async function gatherRefunds(_db: Kysely<Database>, _tenantId: string, paymentIds: readonly string[]): Promise<Map<string, PaymentRefund[]>> {
  return new Map(paymentIds.map((paymentId) => [paymentId, []]));
}

/** A page of the tenant's refunds, newest first, of the payments matching `filters`: none until refund documents exist. */
export async function listRefunds(
  _db: Kysely<Database>,
  _tenantId: string,
  _filters: object,
  _paging: { page: number; limit: number },
): Promise<{ refunds: { paymentId: string; refund: PaymentRefund }[]; total: number }> {
  return { refunds: [], total: 0 };
}
