import { stringify } from 'csv-stringify/browser/esm/sync';
import { currencyExponent } from '../../../shared/money/index';

/** Minor units as a plain decimal for spreadsheets ("1234.50", "-0.05", "1200" for JPY), exact. */
export function decimal(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const sign = minor < 0 ? '-' : '';
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export type CsvRow = (string | number | null)[];

/** RFC 4180 text of a header and rows. */
export function toCsv(header: string[], rows: CsvRow[]): string {
  return stringify([header, ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))))], { record_delimiter: '\r\n' });
}

/** Saves a CSV file through the browser's download (Electron saves it the same way). */
export function downloadCsv(fileName: string, header: string[], rows: CsvRow[]): void {
  const blob = new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function CsvButton({ fileName, header, rows, label = 'Export CSV' }: { fileName: string; header: string[]; rows: () => CsvRow[]; label?: string }) {
  return (
    <button type="button" className="no-print" onClick={() => downloadCsv(fileName, header, rows())}>
      {label}
    </button>
  );
}
