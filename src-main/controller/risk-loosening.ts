import type { BotConfig } from '../../src-shared/config-schema';

type Risk = BotConfig['risk'];
type KillSwitch = BotConfig['killSwitch'];

/** Risk limits where a larger value allows more risk. */
const HIGHER_IS_LOOSER: readonly (keyof Risk)[] = [
  'riskPerTradePct',
  'maxPositionPct',
  'maxExposurePct',
  'maxOpenPositions',
  'maxTradesPerDay',
  'dailyLossLimitPct',
  'dailyLossWarningPct',
  'consecutiveLossWarning',
  'staleDataSeconds',
];
/** Risk limits where a smaller value allows more risk. */
const LOWER_IS_LOOSER: readonly (keyof Risk)[] = ['pdtMinEquity', 'minStopAtr'];

/**
 * The field paths where `next` allows more risk than `current` (DESIGN §3: loosening risk
 * limits while live needs confirmation): larger limits, smaller floors, shorts newly allowed,
 * the automatic kill on the daily loss limit turned off, FOMC dates removed.
 */
export function loosenedRiskLimits(current: BotConfig, next: BotConfig): string[] {
  const out: string[] = [];
  for (const k of HIGHER_IS_LOOSER) if (Number(next.risk[k]) > Number(current.risk[k])) out.push(`risk.${k}`);
  for (const k of LOWER_IS_LOOSER) if (Number(next.risk[k]) < Number(current.risk[k])) out.push(`risk.${k}`);
  if (next.risk.allowShortStocks && !current.risk.allowShortStocks) out.push('risk.allowShortStocks');
  const kill: (keyof KillSwitch)[] = ['autoKillOnDailyLoss', 'closeDayTradesOnKill'];
  for (const k of kill) if (current.killSwitch[k] === true && next.killSwitch[k] === false) out.push(`killSwitch.${k}`);
  if (current.schedule.fomcDates.some((d) => !next.schedule.fomcDates.includes(d))) out.push('schedule.fomcDates');
  return out;
}
