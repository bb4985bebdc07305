import { useCallback, useEffect, useMemo, useState } from 'react';
import { isManager } from '../../../shared/auth/index';
import type { SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import { persistCart } from '../checkout/cart-persistence';
import { openSaleJournal } from '../db/sale-journal';
import { Checkout } from '../checkout/Checkout';
import { openCashDrawer } from '../hardware/hardware';
import { auditDrawerOpen, auditUnjournalledSales, useSignInAudit } from '../audit/register-events';
import { History } from '../history/History';
import { TodaySales } from '../sales/TodaySales';
import { ManagerNav } from '../manager/ManagerView';
import { UnpairButton } from '../pairing/UnpairButton';
import { ApprovalDialog, requestApproval } from '../session/approval';
import { useIdleLock } from '../session/idle';
import { LockScreen } from '../session/LockScreen';
import { signInStaff, useSession } from '../session/session-store';
import { roleName } from '../session/StaffPinForm';
import { SyncIndicator } from '../sync/SyncIndicator';
import { useObservable } from '../ui/use-observable';
import { useRegister } from './register-context';

const SHORTCUTS = '/ or F2 search · F4 client · Enter charge / pay · F8 exact cash · F9 new sale · Esc back';

export function RegisterScreen() {
  const { db, pairing, journal } = useRegister();
  const settingsDoc = useObservable(() => db.settings.findOne(pairing.locationId).$, null, [db, pairing.locationId]);
  const settings = settingsDoc?.toJSON() as SettingsDoc | undefined;
  const staffDocs = useObservable(() => db.staff.find().$, [], [db]);
  const staff = useMemo(() => staffDocs.map((doc) => doc.toJSON() as StaffDoc).filter((s) => s.locationIds.includes(pairing.locationId)), [staffDocs, pairing.locationId]);
  const { user, lock } = useSession();
  const [cartReady, setCartReady] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [view, setView] = useState<'sale' | 'history'>('sale');
  useSignInAudit(journal, user?.id ?? null);

  // The cart in progress lives in the database: load it, keep it, and file sales a restart interrupted.
  useEffect(() => {
    let stop = () => {};
    let live = true;
    void openSaleJournal(`pos-sales-${pairing.tenantId}`)
      .then(async (store) => {
        const cart = await persistCart(db, store);
        stop = () => (cart.stop(), store.close());
        if (!live) return stop();
        setCartReady(true);
        const filed = await cart.settle();
        await auditUnjournalledSales(db, journal, filed);
        if (filed.length && live) setNotice(`${filed.map((s) => `Sale ${s.order.number}`).join(', ')}: completed before the register restarted, now filed.`);
      })
      .catch((e: unknown) => live && setNotice(`Saved sales could not be filed yet: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      live = false;
      stop();
    };
  }, [db, journal, pairing.tenantId]);

  const onIdle = useCallback(() => lock(), [lock]);
  useIdleLock(user !== null, onIdle);

  const noSale = async () => {
    setNotice(null);
    const approver = await requestApproval({ kind: 'no_sale' });
    if (!approver) return;
    const result = await openCashDrawer();
    if (result.ok) void auditDrawerOpen(journal, user?.id ?? null, 'no sale', approver);
    setNotice(result.ok ? 'Drawer opened.' : result.reason);
  };

  return (
    <div className="register">
      <header className="topbar">
        <div>
          <strong>{settings?.businessName ?? 'Front Desk POS'}</strong>
          <span className="muted"> · {settings?.locationName ?? ''} · {pairing.name}</span>
        </div>
        {user && (
          <div className="session">
            <span data-testid="signed-in">
              {user.name} <span className="muted">({roleName(user.role)})</span>
            </span>
            <button type="button" onClick={() => setView(view === 'history' ? 'sale' : 'history')} aria-pressed={view === 'history'}>
              {view === 'history' ? 'Back to sale' : 'History'}
            </button>
            <button type="button" onClick={() => void noSale()}>
              Open drawer
            </button>
            <ManagerNav settings={settings} staff={staff} />
            {isManager(user.role) && <UnpairButton />}
            <button type="button" onClick={lock}>
              Switch user
            </button>
            <button type="button" onClick={lock} aria-label="Lock register">
              Lock
            </button>
          </div>
        )}
        <SyncIndicator timeZone={settings?.timeZone ?? 'UTC'} />
      </header>
      {notice && (
        <p role="status" className="notice">
          {notice}{' '}
          <button type="button" className="link" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ✕
          </button>
        </p>
      )}
      {!settings ? (
        <p className="muted page">Waiting for this location's settings. Connect the register to the server once to download them.</p>
      ) : !user ? (
        <main className="page lock-page">
          <LockScreen staff={signInStaff(staff, pairing.locationId)} />
        </main>
      ) : !cartReady ? (
        <p className="muted page">Loading the sale in progress…</p>
      ) : view === 'history' ? (
        <History settings={settings} staff={staff} />
      ) : (
        <main className="workspace">
          <Checkout settings={settings} staff={staff.filter((s) => s.active)} />
          <TodaySales settings={settings} />
        </main>
      )}
      {user && <footer className="shortcuts muted">Shortcuts: {SHORTCUTS}</footer>}
      <ApprovalDialog staff={signInStaff(staff, pairing.locationId)} />
    </div>
  );
}
