import { useEffect, useMemo, useState } from 'react';
import { isManager } from '../../../shared/auth/index';
import { cashDenominations, parseMajorUnits } from '../../../shared/money/index';
import { shiftsOf, type Shift } from '../../../shared/reports/index';
import type { DrawerDoc, SettingsDoc, ShiftFigures, StaffDoc } from '../../../shared/schemas/index';
import { formatLocalDateTime } from '../../../shared/time';
import { useRegister } from '../app/register-context';
import { signInStaff, useSession } from '../session/session-store';
import { StaffPinForm } from '../session/StaffPinForm';
import { moneyFormatter } from '../ui/format';
import { useObservable } from '../ui/use-observable';
import { closeShift, openShift, previewClose, recordMovement, xReport, type DrawerContext } from './drawer-actions';
import { ShiftReport } from './ShiftReport';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Reads an amount typed in the currency's major units ("150", "12.50"); null when empty. */
function amountOf(text: string, currency: string): number | null {
  return text.trim() ? parseMajorUnits(text.trim(), currency).amount : null;
}

export function DrawerPanel({ settings, staff }: { settings: SettingsDoc; staff: StaffDoc[] }) {
  const { db, pairing, journal } = useRegister();
  const user = useSession((s) => s.user)!;
  const format = useMemo(() => moneyFormatter(settings), [settings.currency, settings.locale]);
  const ctx: DrawerContext = useMemo(
    () => ({
      db, journal, register: { tenantId: pairing.tenantId, locationId: pairing.locationId, deviceId: pairing.deviceId },
      settings: { currency: settings.currency, timeZone: settings.timeZone, drawerDifferenceApprovalAbove: settings.drawerDifferenceApprovalAbove },
    }),
    [db, journal, pairing, settings.currency, settings.timeZone, settings.drawerDifferenceApprovalAbove],
  );
  const docs = useObservable(() => db.drawer.find({ selector: { deviceId: pairing.deviceId } }).$, [], [db, pairing.deviceId]);
  const shifts = useMemo(() => shiftsOf(docs.map((d) => d.toJSON() as DrawerDoc), pairing.deviceId), [docs, pairing.deviceId]);
  const open = [...shifts].reverse().find((s) => !s.close) ?? null;
  const closed = shifts.filter((s) => s.close).reverse();
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ title: string; figures: ShiftFigures; close: DrawerDoc | null } | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(message(e));
    }
  };

  return (
    <div className="drawer-panel">
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {open ? (
        <OpenShift
          key={open.open.id}
          shift={open}
          ctx={ctx}
          format={format}
          staff={staff}
          userId={user.id}
          run={run}
          onReport={(title, figures, close) => setShown({ title, figures, close })}
        />
      ) : (
        <OpenShiftForm currency={settings.currency} onOpen={(float) => run(() => openShift(ctx, { float, staffId: user.id }))} />
      )}
      {shown && <ShiftReport title={shown.title} figures={shown.figures} close={shown.close} currency={settings.currency} timeZone={settings.timeZone} format={format} staffName={(id) => staff.find((x) => x.id === id)?.name ?? '—'} />}
      <section className="card" aria-label="Z reports">
        <h2>Z reports on this register</h2>
        {closed.length === 0 ? (
          <p className="muted">No shift has been closed on this register yet.</p>
        ) : (
          <ul className="z-list">
            {closed.map((s) => (
              <li key={s.close!.id}>
                <button type="button" onClick={() => setShown({ title: `Z report #${s.close!.number}`, figures: s.close!.figures!, close: s.close })}>
                  Z #{s.close!.number} · {formatLocalDateTime(s.close!.createdAt, settings.timeZone)} · {s.close!.difference === 0 ? 'balanced' : `${s.close!.difference! < 0 ? 'short' : 'over'} ${format(Math.abs(s.close!.difference!))}`}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function OpenShiftForm({ currency, onOpen }: { currency: string; onOpen(float: number): Promise<void> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card"
      aria-label="Open a shift"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          const float = amountOf(text, currency);
          if (float === null) return setError('Enter the float: the cash in the drawer at the start (0 if none).');
          setError(null);
          void onOpen(float);
        } catch (err) {
          setError(message(err));
        }
      }}
    >
      <h2>No shift is open</h2>
      <label>
        Opening float
        <input inputMode="decimal" autoFocus value={text} onChange={(e) => setText(e.target.value)} placeholder="150.00" />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary">
        Open shift
      </button>
    </form>
  );
}

function OpenShift({
  shift, ctx, format, staff, userId, run, onReport,
}: {
  shift: Shift;
  ctx: DrawerContext;
  format(minor: number): string;
  staff: StaffDoc[];
  userId: string;
  run(action: () => Promise<unknown>): Promise<void>;
  onReport(title: string, figures: ShiftFigures, close: DrawerDoc | null): void;
}) {
  const [mode, setMode] = useState<'idle' | 'pay_in' | 'pay_out' | 'close'>('idle');
  const { currency, timeZone } = ctx.settings;
  return (
    <section className="card" aria-label="Open shift">
      <h2>Shift open since {formatLocalDateTime(shift.open.createdAt, timeZone)}</h2>
      <p>
        Float <strong data-testid="shift-float">{format(shift.open.amount)}</strong>
        {shift.movements.length > 0 && <span className="muted"> · {shift.movements.length} {shift.movements.length === 1 ? 'pay-in or pay-out' : 'pay-ins and pay-outs'}</span>}
      </p>
      <div className="actions">
        <button type="button" onClick={() => setMode('pay_in')}>
          Pay in
        </button>
        <button type="button" onClick={() => setMode('pay_out')}>
          Pay out
        </button>
        <button type="button" onClick={() => void run(async () => onReport('X report', await xReport(ctx, shift), null))}>
          X report
        </button>
        <button type="button" className="primary" onClick={() => setMode('close')}>
          Close shift
        </button>
      </div>
      {(mode === 'pay_in' || mode === 'pay_out') && (
        <MovementForm
          kind={mode}
          currency={currency}
          onCancel={() => setMode('idle')}
          onSave={(amount, reason) => run(async () => {
            await recordMovement(ctx, shift, { kind: mode, amount, reason, staffId: userId });
            setMode('idle');
          })}
        />
      )}
      {mode === 'close' && (
        <CloseForm
          shift={shift}
          ctx={ctx}
          format={format}
          managers={signInStaff(staff, ctx.register.locationId).filter((s) => isManager(s.role))}
          onCancel={() => setMode('idle')}
          onClose={(count, looseAmount, approvedBy) => run(async () => {
            const close = await closeShift(ctx, shift, { count, looseAmount, staffId: userId, approvedBy });
            onReport(`Z report #${close.number}`, close.figures!, close);
          })}
        />
      )}
    </section>
  );
}

function MovementForm({ kind, currency, onSave, onCancel }: { kind: 'pay_in' | 'pay_out'; currency: string; onSave(amount: number, reason: string): Promise<void>; onCancel(): void }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const title = kind === 'pay_in' ? 'Pay in' : 'Pay out';
  return (
    <form
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        try {
          const value = amountOf(amount, currency);
          if (!value) return setError('Enter an amount above zero.');
          if (!reason.trim()) return setError('Enter a reason.');
          setError(null);
          void onSave(value, reason);
        } catch (err) {
          setError(message(err));
        }
      }}
    >
      <h3>{title}</h3>
      <label>
        {`${title} amount`}
        <input inputMode="decimal" autoFocus value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <label>
        Reason
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} placeholder={kind === 'pay_in' ? 'Change from the bank' : 'Supplies'} />
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="actions">
        <button type="submit" className="primary">
          {`Record ${title.toLowerCase()}`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function CloseForm({
  shift, ctx, format, managers, onClose, onCancel,
}: {
  shift: Shift;
  ctx: DrawerContext;
  format(minor: number): string;
  managers: StaffDoc[];
  onClose(count: { value: number; quantity: number }[], looseAmount: number, approvedBy: string | null): Promise<void>;
  onCancel(): void;
}) {
  const denominations = cashDenominations(ctx.settings.currency);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [loose, setLoose] = useState('');
  const [preview, setPreview] = useState<{ expected: number; counted: number; difference: number; needsApproval: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [approving, setApproving] = useState(false);
  const parsed = useMemo(() => {
    try {
      const count = denominations.map((d) => {
        const text = quantities[d.value]?.trim() ?? '';
        if (text && !/^\d{1,6}$/.test(text)) throw new Error(`The count of ${d.label} must be a whole number.`);
        return { value: d.value, quantity: text ? Number(text) : 0 };
      });
      return { count, loose: amountOf(loose, ctx.settings.currency) ?? 0, error: null };
    } catch (e) {
      return { count: [], loose: 0, error: message(e) };
    }
  }, [quantities, loose, denominations, ctx.settings.currency]);
  useEffect(() => {
    if (parsed.error) return setPreview(null);
    let live = true;
    previewClose(ctx, shift, parsed.count, parsed.loose).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [parsed, ctx, shift]);

  return (
    <>
    <form
      aria-label="Count the drawer"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.error || !preview) return;
        if (preview.needsApproval) return setApproving(true);
        void onClose(parsed.count, parsed.loose, null);
      }}
    >
      <h3>Count the drawer</h3>
      <div className="count-sheet">
        {denominations.map((d) => (
          <label key={d.value}>
            {`Count of ${d.label}`}
            <input inputMode="numeric" value={quantities[d.value] ?? ''} onChange={(e) => setQuantities({ ...quantities, [d.value]: e.target.value })} placeholder="0" />
          </label>
        ))}
        <label>
          Other cash (amount)
          <input inputMode="decimal" value={loose} onChange={(e) => setLoose(e.target.value)} placeholder="0.00" />
        </label>
      </div>
      {(parsed.error ?? error) && <p role="alert" className="error">{parsed.error ?? error}</p>}
      {preview && (
        <table className="close-preview">
          <tbody>
            <tr>
              <td>Expected</td>
              <td className="amount" data-testid="close-expected">{format(preview.expected)}</td>
            </tr>
            <tr>
              <td>Counted</td>
              <td className="amount" data-testid="close-counted">{format(preview.counted)}</td>
            </tr>
            <tr className={preview.difference < 0 ? 'error' : undefined}>
              <td>{preview.difference < 0 ? 'Short' : preview.difference > 0 ? 'Over' : 'Over / short'}</td>
              <td className="amount" data-testid="close-difference">{format(preview.difference)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {!approving && (
        <div className="actions">
          <button type="submit" className="primary" disabled={!preview}>
            Close shift
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </form>
    {approving && preview && (
      <div role="dialog" aria-label="Manager approval for the difference">
        <p>{`The drawer is ${preview.difference < 0 ? 'short' : 'over'} by ${format(Math.abs(preview.difference))}: a manager approves closing with their PIN.`}</p>
        <StaffPinForm staff={managers} onVerified={(m) => void onClose(parsed.count, parsed.loose, m.id)} />
        <button type="button" onClick={() => setApproving(false)}>
          Back to the count
        </button>
      </div>
    )}
    </>
  );
}
