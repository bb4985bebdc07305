import type { Tender } from '../../shared/schemas/index';

/** Every word a notification says, in one place per language. */
export interface Strings {
  receiptSubject(business: string, number: string): string;
  refundSubject(business: string, number: string): string;
  receiptHeading: string;
  refundHeading: string;
  receiptIntro: string;
  attachmentNote: string;
  order: string;
  servedBy: string;
  client: string;
  withStaff(name: string): string;
  discount: string;
  subtotal: string;
  discounts: string;
  taxIncluded: string;
  total: string;
  tip: string;
  paid: string;
  received: string;
  change: string;
  refunded: string;
  voided: string;
  tenders: Record<Tender, string>;
  exportSubject(business: string): string;
  exportHeading: string;
  exportBody(count: number): string;
  verifySubject: string;
  verifyBody(email: string, hours: number): string;
  verifyButton: string;
  verified(email: string): string;
  verifyExpired: string;
  alertSubject(business: string, email: string): string;
  alertHeading: string;
  alertBody(count: number, email: string, since: string): string;
  alertAdvice: string;
}

const en: Strings = {
  receiptSubject: (business, number) => `Your receipt from ${business} (order ${number})`,
  refundSubject: (business, number) => `Your refund receipt from ${business} (order ${number})`,
  receiptHeading: 'Receipt',
  refundHeading: 'Refund receipt',
  receiptIntro: 'Thank you for your visit. Here is your receipt.',
  attachmentNote: 'The receipt is attached as a PDF.',
  order: 'Order',
  servedBy: 'Served by',
  client: 'Client',
  withStaff: (name) => `with ${name}`,
  discount: 'discount',
  subtotal: 'Subtotal',
  discounts: 'Discounts',
  taxIncluded: 'included',
  total: 'Total',
  tip: 'Tip',
  paid: 'Paid',
  received: 'received',
  change: 'Change',
  refunded: 'Refunded',
  voided: 'Voided',
  tenders: {
    CASH: 'Cash', CARD_EXTERNAL: 'Card (machine)', CARD_TERMINAL: 'Card terminal', ZELLE: 'Zelle', VENMO: 'Venmo',
    CHECK: 'Check', GIFT_CARD: 'Gift card', STORE_CREDIT: 'Store credit', OTHER: 'Other',
  },
  exportSubject: (business) => `Payment history export from ${business}`,
  exportHeading: 'Your payment history',
  exportBody: (count) => `The spreadsheet attached lists ${count} payment${count === 1 ? '' : 's'}, with totals per currency at the end.`,
  verifySubject: 'Confirm your email address',
  verifyBody: (email, hours) => `Open the link below within ${hours} hours to confirm that ${email} is your address.`,
  verifyButton: 'Confirm my address',
  verified: (email) => `Thank you: ${email} is confirmed.`,
  verifyExpired: 'This link has expired or was already used. Ask for a new one.',
  alertSubject: (business, email) => `Failed sign-ins to ${email} at ${business}`,
  alertHeading: 'Repeated failed sign-ins',
  alertBody: (count, email, since) => `${count} attempts to sign in to the back office as ${email} failed with a wrong password since ${since} (UTC).`,
  alertAdvice: "If that was not you or your staff, change this account's password; sign-in to it stays slowed down meanwhile.",
};

const es: Strings = {
  receiptSubject: (business, number) => `Su recibo de ${business} (pedido ${number})`,
  refundSubject: (business, number) => `Su recibo de reembolso de ${business} (pedido ${number})`,
  receiptHeading: 'Recibo',
  refundHeading: 'Recibo de reembolso',
  receiptIntro: 'Gracias por su visita. Aquí tiene su recibo.',
  attachmentNote: 'El recibo va adjunto en PDF.',
  order: 'Pedido',
  servedBy: 'Atendido por',
  client: 'Cliente',
  withStaff: (name) => `con ${name}`,
  discount: 'descuento',
  subtotal: 'Subtotal',
  discounts: 'Descuentos',
  taxIncluded: 'incluido',
  total: 'Total',
  tip: 'Propina',
  paid: 'Pagado',
  received: 'recibido',
  change: 'Cambio',
  refunded: 'Reembolsado',
  voided: 'Anulado',
  tenders: {
    CASH: 'Efectivo', CARD_EXTERNAL: 'Tarjeta (datáfono)', CARD_TERMINAL: 'Terminal de tarjeta', ZELLE: 'Zelle', VENMO: 'Venmo',
    CHECK: 'Cheque', GIFT_CARD: 'Tarjeta regalo', STORE_CREDIT: 'Saldo a favor', OTHER: 'Otro',
  },
  exportSubject: (business) => `Exportación del historial de pagos de ${business}`,
  exportHeading: 'Su historial de pagos',
  exportBody: (count) => `La hoja de cálculo adjunta lista ${count} pago${count === 1 ? '' : 's'}, con los totales por moneda al final.`,
  verifySubject: 'Confirme su dirección de correo',
  verifyBody: (email, hours) => `Abra el enlace de abajo en las próximas ${hours} horas para confirmar que ${email} es su dirección.`,
  verifyButton: 'Confirmar mi dirección',
  verified: (email) => `Gracias: ${email} queda confirmada.`,
  verifyExpired: 'Este enlace caducó o ya se usó. Pida uno nuevo.',
  alertSubject: (business, email) => `Inicios de sesión fallidos de ${email} en ${business}`,
  alertHeading: 'Inicios de sesión fallidos repetidos',
  alertBody: (count, email, since) => `${count} intentos de iniciar sesión en la administración como ${email} fallaron con una contraseña incorrecta desde ${since} (UTC).`,
  alertAdvice: 'Si no fue usted ni su personal, cambie la contraseña de esta cuenta; mientras tanto, el inicio de sesión en ella sigue ralentizado.',
};

const LANGUAGES: Record<string, Strings> = { en, es };

/** The strings for a locale ("es-MX" → Spanish); English when the language is not shipped. */
export function stringsFor(locale: string): Strings {
  return LANGUAGES[locale.split('-')[0]!.toLowerCase()] ?? en;
}
