// Intl formatters are costly to build and cheap to use: one per locale and time zone.
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = DATE_FORMATS.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    DATE_FORMATS.set(key, formatter);
  }
  return formatter;
}

/** The business day ("YYYY-MM-DD") an instant falls on in the location's time zone. */
export function businessDate(instant: Date | string, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return dateFormat('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Date and time as the location shows it on receipts and screens. */
export function formatLocalDateTime(instant: Date | string, timeZone: string, locale = 'en-US'): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return dateFormat(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
