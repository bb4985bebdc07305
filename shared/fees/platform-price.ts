import {
  assertMinorUnits, currencyExponent, divideRounded, MILLIONTHS, MoneyError, parsePercent, toSafeInteger,
  type CurrencyCode, type RoundingMode,
} from '../money';

export interface ServiceDue {
  readonly sessionId: string;
  readonly name: string;
  /** What the coach or stylist is owed for the service, in whole major units (in minor units). */
  readonly coachDueAmount: number;
}

export interface ServicePrice extends ServiceDue {
  readonly platformFeeAmount: number;
  readonly totalAmount: number;
  readonly vatAmount: number;
  readonly platformIncomeAmount: number;
}

export interface PriceCalculation {
  readonly currency: CurrencyCode;
  readonly platformFeePercentage: string;
  readonly vatPercentage: string;
  readonly coachDueAmount: number;
  readonly platformFeeAmount: number;
  readonly totalAmount: number;
  readonly vatAmount: number;
  readonly platformIncomeAmount: number;
  readonly servicesPrices: readonly ServicePrice[];
}

/**
 * The payout service's price calculation (seed 002, POST .../prices). Per service the platform
 * fee is the fee percentage of the coach's due amount rounded to whole units, the client pays
 * due + fee, the VAT is the part of the fee that is VAT (fee × vat / (100 + vat), exact to the
 * minor unit) and the platform keeps fee - VAT. The order's figures are the sums.
 */
export function calculatePrice(
  currency: CurrencyCode,
  services: readonly ServiceDue[],
  platformFeePercentage: string,
  vatPercentage: string,
  rounding: RoundingMode = 'half-up',
): PriceCalculation {
  const unit = 10n ** BigInt(currencyExponent(currency));
  const fee = BigInt(parsePercent(platformFeePercentage));
  const vat = BigInt(parsePercent(vatPercentage));
  const servicesPrices = services.map((service): ServicePrice => {
    const due = BigInt(assertMinorUnits(service.coachDueAmount, `${service.name} due amount`));
    if (due < 0n || due % unit !== 0n) {
      throw new MoneyError('BAD_AMOUNT_STRING', `${service.name}: the coach's due amount must be a whole, non-negative number of ${currency}.`);
    }
    const platformFee = divideRounded(due * fee, BigInt(MILLIONTHS) * unit, rounding) * unit;
    const vatAmount = divideRounded(platformFee * vat, BigInt(MILLIONTHS) + vat, rounding);
    return {
      ...service,
      platformFeeAmount: toSafeInteger(platformFee),
      totalAmount: toSafeInteger(due + platformFee),
      vatAmount: toSafeInteger(vatAmount),
      platformIncomeAmount: toSafeInteger(platformFee - vatAmount),
    };
  });
  const total = (field: 'coachDueAmount' | 'platformFeeAmount' | 'totalAmount' | 'vatAmount' | 'platformIncomeAmount') =>
    assertMinorUnits(servicesPrices.reduce((sum, service) => sum + service[field], 0), field);
  return {
    currency, platformFeePercentage, vatPercentage,
    coachDueAmount: total('coachDueAmount'),
    platformFeeAmount: total('platformFeeAmount'),
    totalAmount: total('totalAmount'),
    vatAmount: total('vatAmount'),
    platformIncomeAmount: total('platformIncomeAmount'),
    servicesPrices,
  };
}
