import type { SalesFigures } from '../../../shared/reports/index';

const ROWS: readonly [keyof SalesFigures, string][] = [
  ['grossSales', 'Gross sales'],
  ['discounts', 'Discounts'],
  ['refunds', 'Refunds'],
  ['netSales', 'Net sales (no tax, no tips)'],
  ['tax', 'Tax'],
  ['tips', 'Tips'],
  ['collected', 'Total collected'],
];

/** The owner's figures for the range, as every report and the back office's GET /reports/sales give them. */
export function SalesFiguresTable({ figures, format }: { figures: SalesFigures; format(minor: number): string }) {
  return (
    <section className="card" aria-label="Sales figures">
      <h2>Sales figures</h2>
      <table className="report-table">
        <tbody>
          {ROWS.map(([key, label]) => (
            <tr key={key} className={key === 'netSales' || key === 'collected' ? 'total' : undefined}>
              <th scope="row">{label}</th>
              <td data-testid={`sales-${key}`}>{key === 'discounts' || key === 'refunds' ? `−${format(figures[key])}` : format(figures[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">A voided sale counts in none of these; refunds and voids count on the day they were made.</p>
    </section>
  );
}
