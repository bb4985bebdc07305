import PDFDocument from 'pdfkit';
import type { ReceiptView, ViewRow } from './receipt-view';

const WIDTH = 226; // 80 mm roll, in points
const MARGIN = 14;
const INNER = WIDTH - 2 * MARGIN;

/** The PDF's standard fonts (WinAnsi) have no minus sign (U+2212): a hyphen-minus stands in. */
const winAnsi = (text: string) => text.replace(/\u2212/g, '-');

/**
 * The receipt as a PDF the size of a register's paper roll, drawn from the same view as the
 * email. Text is left uncompressed and the creation date fixed, so one receipt always makes
 * the same bytes.
 */
export function renderReceiptPdf(view: ReceiptView, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: [WIDTH, 842], margin: MARGIN, compress: false, info: { Title: `${view.heading} ${view.orderNumber}`, CreationDate: createdAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const center = (text: string, size: number, font = 'Helvetica') => doc.font(font).fontSize(size).text(winAnsi(text), { width: INNER, align: 'center' });
  const rows = (list: ViewRow[], font = 'Helvetica') => {
    for (const row of list) {
      const y = doc.y;
      doc.font(font).fontSize(9).text(winAnsi(row.amount), MARGIN, y, { width: INNER, align: 'right' });
      doc.text(winAnsi(row.label), MARGIN, y, { width: INNER - 70 });
      for (const note of row.notes ?? []) doc.font('Helvetica').fontSize(7.5).fillColor('#555555').text(winAnsi(note), { width: INNER - 70 }).fillColor('#000000');
      doc.moveDown(0.2);
    }
  };
  const rule = () => {
    doc.moveDown(0.3).moveTo(MARGIN, doc.y).lineTo(WIDTH - MARGIN, doc.y).lineWidth(0.5).stroke().moveDown(0.4);
  };

  center(view.businessName, 12, 'Helvetica-Bold');
  center(view.locationName, 9);
  if (view.address) center(view.address, 8);
  rule();
  center(view.heading, 10, 'Helvetica-Bold');
  doc.font('Helvetica').fontSize(9).text(`${view.strings.order} ${view.orderNumber}`).text(view.date);
  for (const line of view.meta) doc.text(line);
  rule();
  rows(view.lines);
  rule();
  rows(view.totals);
  rows([{ label: view.strings.paid, amount: view.paid }], 'Helvetica-Bold');
  rows(view.tenders);
  rows(view.after);
  if (view.giveBacks.length > 0) {
    rule();
    rows(view.giveBacks, 'Helvetica-Bold');
  }
  if (view.footer) {
    rule();
    center(view.footer, 8);
  }
  doc.end();
  return done;
}
