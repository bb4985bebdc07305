import { lazy, Suspense, useEffect, useState } from 'react';
import { isManager } from '../../../shared/auth/index';
import type { SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import { DrawerPanel } from '../drawer/DrawerPanel';
import { useSession } from '../session/session-store';
import './manager.css';

type Screen = 'dashboard' | 'drawer';

// The dashboard and its charts load when a manager opens it, off the checkout's path.
const Dashboard = lazy(() => import('./Dashboard').then((m) => ({ default: m.Dashboard })));

/**
 * The topbar's entries to the cash drawer (everyone signed in) and the manager dashboard
 * (managers and owners), each a full-screen view over the register; Esc goes back.
 */
export function ManagerNav({ settings, staff }: { settings: SettingsDoc | undefined; staff: StaffDoc[] }) {
  const user = useSession((s) => s.user);
  const [screen, setScreen] = useState<Screen | null>(null);
  useEffect(() => {
    if (!user) setScreen(null);
  }, [user]);
  useEffect(() => {
    if (!screen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !document.querySelector('[role="dialog"]') && setScreen(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screen]);
  if (!user || !settings) return null;
  const manager = isManager(user.role);
  return (
    <>
      <button type="button" onClick={() => setScreen('drawer')}>
        Drawer
      </button>
      {manager && (
        <button type="button" onClick={() => setScreen('dashboard')}>
          Manager
        </button>
      )}
      {screen && (
        <div className="manager-view" role="region" aria-label={screen === 'drawer' ? 'Cash drawer' : 'Manager dashboard'}>
          <header className="manager-head no-print">
            <nav role="tablist" aria-label="Back office">
              <button type="button" role="tab" aria-selected={screen === 'drawer'} onClick={() => setScreen('drawer')}>
                Cash drawer
              </button>
              {manager && (
                <button type="button" role="tab" aria-selected={screen === 'dashboard'} onClick={() => setScreen('dashboard')}>
                  Dashboard
                </button>
              )}
            </nav>
            <button type="button" onClick={() => setScreen(null)}>
              Back to the register (Esc)
            </button>
          </header>
          {screen === 'dashboard' && manager ? (
            <Suspense fallback={<p className="muted">Loading the dashboard…</p>}>
              <Dashboard settings={settings} />
            </Suspense>
          ) : (
            <DrawerPanel settings={settings} staff={staff} />
          )}
        </div>
      )}
    </>
  );
}
