import { cashDenominations } from '../../../shared/money/index';
import type { DrawerDoc, ShiftFigures } from '../../../shared/schemas/index';
import { formatLocalDateTime } from '../../../shared/time';
import { CsvButton, decimal, type CsvRow } from '../manager/csv';
import { printReceipt } from '../hardware/hardware';
import { TENDER_NAMES } from '../ui/tender-names';

export interface ReportLine {
  key: string;
  label: string;
  amount: number | null;
  text?: string;
}

/** The counted drawer per denomination (largest first) and the loose amount, as Z report lines. */
function countLines(close: DrawerDoc): ReportLine[] {
  const labels = new Map(cashDenominations(close.currency).map((d) => [d.value, d.label]));
  const lines = [...(close.count ?? [])].filter((c) => c.quantity > 0).sort((a, b) => b.value - a.value).map((c) => ({
    key: `count-${c.value}`, label: `  ${c.quantity} × ${labels.get(c.value) ?? c.value}`, amount: c.value * c.quantity,
  }));
  if (close.looseAmount) lines.push({ key: 'count-loose', label: '  Loose (not counted by denomination)', amount: close.looseAmount });
  return lines;
}

/** The lines of an X or Z report, in print order; the same lines go to the CSV. */
export function reportLines(figures: ShiftFigures, close: DrawerDoc | null, timeZone: string, staffName: (id: string | null) => string = () => ''): ReportLine[] {
  const when = (iso: string | null) => (iso ? formatLocalDateTime(iso, timeZone) : '');
  const lines: ReportLine[] = [
    { key: 'opened', label: 'Opened', amount: null, text: when(figures.openedAt) },
    { key: 'closed', label: close ? 'Closed' : 'As of', amount: null, text: when(figures.closedAt) },
    { key: 'float', label: 'Opening float', amount: figures.float },
    { key: 'cash-sales', label: `Cash sales (${figures.cashSalesCount})`, amount: figures.cashSales },
    { key: 'cash-refunds', label: `Cash refunds (${figures.cashRefundsCount})`, amount: -figures.cashRefunds },
    { key: 'pay-ins', label: `Pay-ins (${figures.payInsCount})`, amount: figures.payIns },
    { key: 'pay-outs', label: `Pay-outs (${figures.payOutsCount})`, amount: -figures.payOuts },
    { key: 'expected', label: 'Expected in drawer', amount: figures.expected },
  ];
  if (close) {
    lines.splice(2, 0, { key: 'closed-by', label: 'Closed by', amount: null, text: staffName(close.staffId) });
    lines.push({ key: 'counted', label: 'Counted', amount: close.amount }, ...countLines(close));
    lines.push({ key: 'difference', label: close.difference! < 0 ? 'Short' : close.difference! > 0 ? 'Over' : 'Over / short', amount: close.difference });
  }
  lines.push(
    { key: 'sales', label: `Sales, all tenders (${figures.orders} orders)`, amount: figures.sales },
    { key: 'tips', label: 'Tips', amount: figures.tips },
    { key: 'refunds', label: 'Refunds', amount: -figures.refunds },
    { key: 'net', label: 'Net sales', amount: figures.net },
    ...figures.tenders.map((t) => ({ key: `tender-${t.tender}`, label: `${TENDER_NAMES[t.tender] ?? t.tender} (${t.count}) incl. tips`, amount: t.amount + t.tip - t.refunds })),
  );
  return lines;
}

export function ShiftReport({
  figures, close, currency, timeZone, format, title, staffName,
}: { figures: ShiftFigures; close: DrawerDoc | null; currency: string; timeZone: string; format(minor: number): string; title: string; staffName(id: string | null): string }) {
  const lines = reportLines(figures, close, timeZone, staffName);
  const csvRows = (): CsvRow[] => lines.map((l) => [l.label, l.amount === null ? (l.text ?? '') : decimal(l.amount, currency), l.amount === null ? '' : currency]);
  const name = close ? `z-report-${close.number}.csv` : `x-report-${figures.closedAt?.slice(0, 16).replace(/[:T]/g, '-') ?? 'now'}.csv`;
  return (
    <section className="receipt card shift-report" aria-label={title}>
      <header>
        <h2 data-testid="report-title">{title}</h2>
      </header>
      <table>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} data-testid={`report-${l.key}`}>
              <td>{l.label}</td>
              <td className="amount">{l.amount === null ? l.text : format(l.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {close?.approvedBy && <p className="muted">Difference approved by a manager.</p>}
      <div className="actions no-print">
        <button type="button" onClick={() => void printReceipt()}>
          Print
        </button>
        <CsvButton fileName={name} header={['Line', 'Amount', 'Currency']} rows={csvRows} />
      </div>
    </section>
  );
}
