import type { ReactNode } from 'react';
import { parseMajorUnits } from '../../../shared/money/index';
import type { SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { createTerminalApi, type TerminalApi } from '../terminal/api';
import type { AdjustmentWriter } from './record-adjustment';
import type { StoredSale } from './refund-plan';

export interface AdjustmentDialogProps {
  sale: StoredSale;
  settings: SettingsDoc;
  /** Everyone at the location (commission rates, managers for PINs). */
  staff: StaffDoc[];
  /** Closed; with a message when something was recorded. */
  onClose(message?: string): void;
}

/** A modal that Escape closes. */
export function Dialog({ label, onClose, children }: { label: string; onClose(): void; children: ReactNode }) {
  return (
    <div className="backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <section className="dialog adjustment card" role="dialog" aria-modal="true" aria-label={label}>
        <h2>{label}</h2>
        {children}
      </section>
    </div>
  );
}

export function useWriter(settings: SettingsDoc): AdjustmentWriter {
  const { db, pairing, journal } = useRegister();
  return { db, journal, timeZone: settings.timeZone, register: { tenantId: pairing.tenantId, locationId: pairing.locationId, deviceId: pairing.deviceId } };
}

/** The server's card routes, for refunding Stripe card payments. */
export function useCardApi(): Pick<TerminalApi, 'refund'> {
  const { pairing } = useRegister();
  return createTerminalApi({ serverUrl: pairing.serverUrl, token: pairing.token, tenantId: pairing.tenantId });
}

/** Minor units from what the cashier typed ("12.50"); empty is 0. Throws a readable error. */
export function parseAmount(text: string, currency: string, what: string): number {
  if (!text.trim()) return 0;
  try {
    return parseMajorUnits(text, currency).amount;
  } catch {
    throw new Error(`${what}: enter an amount like 12.50.`);
  }
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The error line and the submit / Cancel buttons at the foot of an adjustment form. */
export function FormFoot({ error, label, className = 'primary', disabled = false, onCancel }: {
  error: string | null;
  label: string;
  className?: string;
  disabled?: boolean;
  onCancel(): void;
}) {
  return (
    <>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="row-buttons">
        <button type="submit" className={className} disabled={disabled}>
          {label}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
