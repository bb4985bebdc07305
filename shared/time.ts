/** The business day ("YYYY-MM-DD") an instant falls on in the location's time zone. */
export function businessDate(instant: Date | string, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Date and time as the location shows it on receipts and screens. */
export function formatLocalDateTime(instant: Date | string, timeZone: string, locale = 'en-US'): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
