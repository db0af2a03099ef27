import type { Greeks, OptionRight } from './positions';

/** Milliseconds in a (365-day) year, the time unit of the model. */
export const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Inputs of the Black–Scholes model (no dividends). `years` is calendar time to expiry. */
export interface OptionModelInput {
  right: OptionRight;
  spot: number;
  strike: number;
  years: number;
  /** Annualised implied volatility, 0.2 = 20 %. */
  iv: number;
  /** Annualised risk-free rate, 0.045 = 4.5 %. */
  rate: number;
}

/**
 * Standard normal CDF to double precision (Hart 1968 as given by West 2005, "Better
 * approximations to cumulative normal functions", absolute error < 1e-14).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let c: number;
  if (z > 37) {
    c = 0;
  } else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      c = (e * n) / d;
    } else {
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/** Standard normal density. */
export const normalPdf = (x: number): number => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);

/** Model price and Greeks of one option (per share of premium; theta per calendar day, vega per vol point). */
export interface OptionQuote extends Greeks {
  price: number;
}

/**
 * Black–Scholes price and Greeks. At or past expiry (years ≤ 0) the option is worth its
 * intrinsic value, with delta 1/0 (call) or −1/0 (put) and no gamma, theta or vega.
 */
export function priceOption(i: OptionModelInput): OptionQuote {
  const sign = i.right === 'call' ? 1 : -1;
  if (i.years <= 0 || i.iv <= 0) {
    const intrinsic = Math.max(0, sign * (i.spot - i.strike));
    return { price: intrinsic, delta: intrinsic > 0 ? sign : 0, gamma: 0, theta: 0, vega: 0 };
  }
  const sqrtT = Math.sqrt(i.years);
  const d1 = (Math.log(i.spot / i.strike) + (i.rate + (i.iv * i.iv) / 2) * i.years) / (i.iv * sqrtT);
  const d2 = d1 - i.iv * sqrtT;
  const discount = Math.exp(-i.rate * i.years);
  const price = sign * (i.spot * normalCdf(sign * d1) - i.strike * discount * normalCdf(sign * d2));
  const pdf = normalPdf(d1);
  const thetaYear = (-i.spot * pdf * i.iv) / (2 * sqrtT) - sign * i.rate * i.strike * discount * normalCdf(sign * d2);
  return {
    price: Math.max(0, price),
    delta: i.right === 'call' ? normalCdf(d1) : normalCdf(d1) - 1,
    gamma: pdf / (i.spot * i.iv * sqrtT),
    theta: thetaYear / 365,
    vega: (i.spot * pdf * sqrtT) / 100,
  };
}

/**
 * The listed strike (multiples of `increment`) whose |delta| is nearest `targetDelta`, or
 * null when none lies within [minDelta, maxDelta]. Deltas are compared as brokers quote
 * them, to two decimals, so an at-the-money 0.5004 counts as 0.50.
 */
export function strikeForDelta(
  base: Omit<OptionModelInput, 'strike'>,
  targetDelta: number,
  minDelta: number,
  maxDelta: number,
  increment = 1,
): number | null {
  const atm = Math.round(base.spot / increment) * increment;
  let best: { strike: number; gap: number } | null = null;
  for (let k = -60; k <= 60; k++) {
    const strike = Number((atm + k * increment).toFixed(6));
    if (strike <= 0) continue;
    const delta = Math.round(Math.abs(priceOption({ ...base, strike }).delta) * 100) / 100;
    if (delta < minDelta || delta > maxDelta) continue;
    const gap = Math.abs(delta - targetDelta);
    if (!best || gap < best.gap - 1e-12) best = { strike, gap };
  }
  return best?.strike ?? null;
}

/**
 * The OCC option symbol: root, YYMMDD, C/P, strike × 1000 in eight digits,
 * e.g. SPY261124C00600000.
 */
export function occSymbol(underlying: string, expiryDate: string, right: OptionRight, strike: number): string {
  const [y, m, d] = expiryDate.split('-');
  const strikeField = String(Math.round(strike * 1000)).padStart(8, '0');
  return `${underlying}${y!.slice(2)}${m}${d}${right === 'call' ? 'C' : 'P'}${strikeField}`;
}
