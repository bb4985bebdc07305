import { useEffect, useMemo, useRef, useState } from 'react';
import type { CatalogItemDoc, SettingsDoc, StaffDoc } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { auditPriceOverride, auditSale } from '../audit/register-events';
import { ClientPicker } from '../clients/ClientPicker';
import { requestApproval } from '../session/approval';
import { useSession } from '../session/session-store';
import { barcodeReader } from '../ui/barcode';
import { moneyFormatter } from '../ui/format';
import { useObservable } from '../ui/use-observable';
import { CartPanel } from './CartPanel';
import { useCart } from './cart-store';
import { CustomAmountForm } from './CustomAmountForm';
import { PaymentPanel } from './PaymentPanel';
import { SaleComplete, type CompletedSale } from './SaleComplete';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Catalog items matching the search: name, category or barcode, every word. */
export function searchCatalog(items: readonly CatalogItemDoc[], query: string): CatalogItemDoc[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (!words.length) return [...items];
  return items.filter((item) => {
    const text = `${item.name} ${item.category} ${item.barcode ?? ''} ${item.kind}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export function Checkout({ settings, staff }: { settings: SettingsDoc; staff: StaffDoc[] }) {
  const { db, journal } = useRegister();
  const user = useSession((s) => s.user)!;
  const docs = useObservable(() => db.catalog.find({ selector: { active: true } }).$, [], [db]);
  const catalog = useMemo(() => docs.map((doc) => doc.toJSON() as CatalogItemDoc).sort((a, b) => a.name.localeCompare(b.name)), [docs]);
  const cart = useCart();
  const [query, setQuery] = useState('');
  /** Which of several search matches Enter adds: the arrows move it. */
  const [pick, setPick] = useState(0);
  const [category, setCategory] = useState<string | null>(null);
  const [customOpen, setCustomOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [completed, setCompleted] = useState<CompletedSale | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const clientRef = useRef<HTMLInputElement>(null);
  const fmt = moneyFormatter(settings);
  const providers = staff.filter((s) => s.providesServices);
  const defaultStaff = providers.some((p) => p.id === user.id) ? user.id : null;

  const locked = cart.tenders.length > 0;
  const categories = useMemo(() => [...new Set(catalog.map((item) => item.category))].sort(), [catalog]);
  const shown = searchCatalog(category ? catalog.filter((item) => item.category === category) : catalog, query);
  // Several matches for what is typed: one is marked, the arrows move the mark, Enter adds it.
  const picking = query.trim() !== '' && shown.length > 1 && !locked;
  const picked = Math.min(pick, Math.max(0, shown.length - 1));

  const addByBarcode = (code: string): boolean => {
    const item = catalog.find((i) => i.barcode === code);
    if (!item) {
      setNotice(`No product has the barcode ${code}.`);
      return false;
    }
    if (cart.tenders.length) return false;
    cart.addItem(item, defaultStaff);
    setNotice(`Added ${item.name}.`);
    return true;
  };
  const addByBarcodeRef = useRef(addByBarcode);
  addByBarcodeRef.current = addByBarcode;

  // Keyboard: a wedge scanner anywhere; "/" or F2 search; F4 client; F9 new sale.
  useEffect(() => {
    const reader = barcodeReader((code) => addByBarcodeRef.current(code));
    const onKey = (event: KeyboardEvent) => {
      if (!isTyping(event.target) && reader.key(event.key, event.timeStamp)) {
        event.preventDefault();
        return;
      }
      if (event.key === 'F2' || (event.key === '/' && !isTyping(event.target))) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === 'F4') {
        event.preventDefault();
        clientRef.current?.focus();
      } else if (event.key === 'F9') {
        event.preventDefault();
        newSale();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  function newSale() {
    const state = useCart.getState();
    if (completed) setCompleted(null);
    else if (state.tenders.length === 0 && (state.lines.length === 0 || window.confirm('Clear this sale and start a new one?'))) state.reset();
    setQuery('');
    setNotice(null);
    searchRef.current?.focus();
  }

  async function customAmount(name: string, amount: number) {
    const approver = await requestApproval({ kind: 'custom_price' });
    if (!approver) return;
    void auditPriceOverride(journal, user.id, name, amount, approver);
    cart.addCustom(name, amount, defaultStaff);
    setCustomOpen(false);
  }

  if (completed) return <SaleComplete completed={completed} settings={settings} staff={staff} onNext={newSale} />;

  return (
    <div className={cart.stage === 'pay' && cart.lines.length > 0 ? 'checkout paying' : 'checkout'}>
      <section className="catalog" aria-label="Catalog">
        <ClientPicker clientId={cart.clientId} onChange={cart.setClient} inputRef={clientRef} />
        <input
          ref={searchRef}
          type="search"
          className="search"
          aria-label="Search catalog"
          placeholder="Search or scan a barcode (/)"
          value={query}
          onChange={(e) => (setQuery(e.target.value), setPick(0))}
          aria-describedby={picking ? 'search-hint' : undefined}
          onKeyDown={(e) => {
            if (picking && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
              e.preventDefault();
              setPick(Math.max(0, Math.min(shown.length - 1, picked + (e.key === 'ArrowDown' ? 1 : -1))));
              return;
            }
            if (e.key !== 'Enter') return;
            e.preventDefault();
            const code = query.trim();
            if (/^\d{6,}$/.test(code) && catalog.some((i) => i.barcode === code)) addByBarcode(code);
            else if (query.trim() && shown.length > 0 && !locked) cart.addItem(shown[picked]!, defaultStaff);
            else return;
            setQuery('');
            setPick(0);
          }}
        />
        {picking && (
          <p className="muted" id="search-hint" role="status" data-testid="search-hint">
            {`${shown.length} matches: ↑ ↓ to choose, Enter adds ${shown[picked]!.name}.`}
          </p>
        )}
        <div className="chips" role="group" aria-label="Categories">
          <button type="button" aria-pressed={category === null} onClick={() => setCategory(null)}>
            All
          </button>
          {categories.map((c) => (
            <button key={c} type="button" aria-pressed={category === c} onClick={() => setCategory(category === c ? null : c)}>
              {c}
            </button>
          ))}
        </div>
        {notice && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        {catalog.length === 0 && <p className="muted">The catalog has not arrived yet. Connect this register to the server once to download it.</p>}
        {catalog.length > 0 && shown.length === 0 && <p className="muted">Nothing matches “{query}”.</p>}
        <div className="items">
          {shown.map((item, i) => (
            <button key={item.id} type="button" className={picking && i === picked ? 'item picked' : 'item'} disabled={locked} onClick={() => cart.addItem(item, defaultStaff)}>
              <span>{item.name}</span>
              <span className="price">{fmt(item.price)}</span>
            </button>
          ))}
          <button type="button" className="item custom" disabled={locked} onClick={() => setCustomOpen(true)}>
            <span>Custom amount</span>
            <span className="muted">manager</span>
          </button>
        </div>
        {customOpen && <CustomAmountForm settings={settings} onAdd={customAmount} onCancel={() => setCustomOpen(false)} />}
      </section>
      {cart.stage === 'pay' && cart.lines.length > 0 ? (
        <PaymentPanel settings={settings} staff={staff} onCompleted={(c) => (setCompleted(c), void auditSale(journal, c.sale, c.drawer))} />
      ) : (
        <CartPanel settings={settings} providers={providers} />
      )}
    </div>
  );
}
