import type { Greeks, ScalpPosition } from '../../../src-shared/positions';
import { EmptyState } from '../../components/panel';
import { formatCount, formatSignedMoney, toneOf } from '../../format/format';
import { OPTION_MULTIPLIER } from './position-model';

const MINUS = '\u2212';
const signedNumber = (v: number, digits: number): string => {
  if (!Number.isFinite(v)) return '—';
  const rounded = Number(v.toFixed(digits));
  const text = Math.abs(rounded).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return rounded < 0 ? MINUS + text : rounded > 0 ? `+${text}` : text;
};

interface GreekCard {
  key: keyof Greeks;
  symbol: string;
  label: string;
  format(v: number): string;
  unit: string;
}

/** Aggregates are scaled by quantity × 100: delta in shares, theta and vega in dollars. */
const CARDS: readonly GreekCard[] = [
  { key: 'delta', symbol: 'Δ', label: 'Delta', format: (v) => signedNumber(v, 1), unit: 'share-equivalent' },
  { key: 'gamma', symbol: 'Γ', label: 'Gamma', format: (v) => signedNumber(v, 2), unit: 'Δ per $1 move' },
  { key: 'theta', symbol: 'Θ', label: 'Theta', format: (v) => formatSignedMoney(v), unit: 'per day' },
  { key: 'vega', symbol: 'V', label: 'Vega', format: (v) => formatSignedMoney(v), unit: 'per vol point' },
];

const scaled = (p: ScalpPosition, key: keyof Greeks): number => p.greeks[key] * p.quantity * OPTION_MULTIPLIER;

/** The options book's aggregate Greeks, and each scalp's share of them. */
export function GreeksExposure({ greeks, scalps }: { greeks: Greeks; scalps: readonly ScalpPosition[] }) {
  return (
    <div className="greeks" data-testid="greeks-exposure">
      <div className="greeks__cards">
        {CARDS.map((c) => (
          <div key={c.key} className="greeks__card" data-testid={`greek-${c.key}`}>
            <div className="greeks__label">
              <span className="greeks__symbol">{c.symbol}</span> {c.label}
            </div>
            <div className={`greeks__value num tone-${c.key === 'gamma' ? 'flat' : toneOf(greeks[c.key])}`}>
              {c.format(greeks[c.key])}
            </div>
            <div className="greeks__unit muted">{c.unit}</div>
          </div>
        ))}
      </div>
      <div className="greeks__side">
        {scalps.length === 0 ? (
          <EmptyState title="No option scalps open">The Greeks exposure is zero until the bot buys premium.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table greeks__table">
              <thead>
                <tr>
                  <th>Contract</th>
                  <th className="r">Qty</th>
                  <th className="r">DTE</th>
                  {CARDS.map((c) => (
                    <th key={c.key} className="r" title={c.label}>
                      {c.symbol}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {scalps.map((p) => (
                  <tr key={p.id}>
                    <td className="mono greeks__contract" title={p.contractSymbol}>
                      {p.contractSymbol}
                    </td>
                    <td className="r num">{formatCount(p.quantity)}</td>
                    <td className="r num">{formatCount(p.dte)}</td>
                    {CARDS.map((c) => (
                      <td key={c.key} className="r num">
                        {c.format(scaled(p, c.key))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
