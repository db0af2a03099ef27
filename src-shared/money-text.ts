const USD = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Dollars for messages and events: `$1,779.84`, `-$12.50` (the same text on every machine). */
export const usd = (x: number): string => `${x < 0 ? '-' : ''}$${USD.format(Math.abs(x))}`;

/** Dollars with their sign always shown: `+$1,779.84`, `-$12.50`. */
export const signedUsd = (x: number): string => (x < 0 ? usd(x) : `+${usd(x)}`);
