import type { SettingsDoc } from '../../../shared/schemas/index';
import { Checkout } from '../checkout/Checkout';
import { TodaySales } from '../sales/TodaySales';
import { SyncIndicator } from '../sync/SyncIndicator';
import { useObservable } from '../ui/use-observable';
import { useRegister } from './register-context';

export function RegisterScreen() {
  const { db, pairing } = useRegister();
  const settingsDoc = useObservable(() => db.settings.findOne(pairing.locationId).$, null, [db, pairing.locationId]);
  const settings = settingsDoc?.toJSON() as SettingsDoc | undefined;

  return (
    <div className="register">
      <header className="topbar">
        <div>
          <strong>{settings?.businessName ?? 'Front Desk POS'}</strong>
          <span className="muted"> · {settings?.locationName ?? ''} · {pairing.name}</span>
        </div>
        <SyncIndicator timeZone={settings?.timeZone ?? 'UTC'} />
      </header>
      {settings ? (
        <main className="workspace">
          <Checkout settings={settings} />
          <TodaySales settings={settings} />
        </main>
      ) : (
        <p className="muted page">Waiting for this location's settings. Connect the register to the server once to download them.</p>
      )}
    </div>
  );
}
