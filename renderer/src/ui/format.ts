import { formatMoney, money } from '../../../shared/money/index';
import type { SettingsDoc } from '../../../shared/schemas/index';

/** Formats minor units the way the location shows money. */
export function moneyFormatter(settings: Pick<SettingsDoc, 'currency' | 'locale'>): (minor: number) => string {
  return (minor) => formatMoney(money(minor, settings.currency), settings.locale);
}
