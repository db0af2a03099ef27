import { formatPct } from '../../format/format';

export type ExposureZone = 'ok' | 'near' | 'over' | 'unknown';

export interface GaugeModel {
  /** The value at the right end of the dial, percent of equity. */
  scaleMax: number;
  /** Where the needle and the limit tick sit, 0…1 along the dial. */
  valueFrac: number;
  limitFrac: number;
  zone: ExposureZone;
}

/** Up to 75 % of the limit is fine, then near, then over. */
const NEAR = 0.75;

/**
 * The dial of the exposure gauge: it reaches 25 % past the limit (or the exposure, if higher),
 * so the limit tick sits at 80 % of the arc and an overshoot shows.
 */
export function gaugeModel(exposurePct: number, maxExposurePct: number): GaugeModel {
  const limit = Number.isFinite(maxExposurePct) && maxExposurePct > 0 ? maxExposurePct : 100;
  if (!Number.isFinite(exposurePct)) return { scaleMax: limit * 1.25, valueFrac: 0, limitFrac: 0.8, zone: 'unknown' };
  const value = Math.max(0, exposurePct);
  const scaleMax = Math.max(limit * 1.25, value);
  const zone: ExposureZone = value >= limit ? 'over' : value >= limit * NEAR ? 'near' : 'ok';
  return { scaleMax, valueFrac: value / scaleMax, limitFrac: limit / scaleMax, zone };
}

const W = 220;
const CX = W / 2;
const CY = 112;
const R = 88;
const STROKE = 16;

/** The point of the semicircle `frac` of the way from its left end (0) to its right end (1). */
function point(frac: number, radius = R): { x: number; y: number } {
  const angle = Math.PI * (1 - frac);
  return { x: CX + radius * Math.cos(angle), y: CY - radius * Math.sin(angle) };
}

function arc(from: number, to: number): string {
  const a = point(from);
  const b = point(to);
  return `M ${a.x.toFixed(2)} ${a.y.toFixed(2)} A ${R} ${R} 0 0 1 ${b.x.toFixed(2)} ${b.y.toFixed(2)}`;
}

const ZONE_TEXT: Record<ExposureZone, string> = {
  ok: 'within limit',
  near: 'nearing the limit',
  over: 'at or over the limit',
  unknown: 'no reading',
};

/** Current exposure (percent of equity) on a semicircular dial against the configured maximum. */
export function ExposureGauge({ exposurePct, maxExposurePct }: { exposurePct: number; maxExposurePct: number }) {
  const g = gaugeModel(exposurePct, maxExposurePct);
  const tickIn = point(g.limitFrac, R - STROKE / 2 - 5);
  const tickOut = point(g.limitFrac, R + STROKE / 2 + 5);
  const label = point(g.limitFrac, R + STROKE / 2 + 14);
  return (
    <div className={`gauge gauge--${g.zone}`} data-testid="exposure-gauge" data-zone={g.zone}>
      <svg
        className="gauge__svg"
        width={W}
        height={CY + 14}
        style={remSize(W, CY + 14)}
        viewBox={`0 0 ${W} ${CY + 14}`}
        role="img"
        aria-label={`Exposure ${formatPct(exposurePct)} of equity, limit ${formatPct(maxExposurePct, 0)}`}
      >
        <path className="gauge__track" d={arc(0, 1)} strokeWidth={STROKE} />
        <path className="gauge__over" d={arc(g.limitFrac, 1)} strokeWidth={STROKE} />
        {g.valueFrac > 0 && <path className="gauge__value" d={arc(0, g.valueFrac)} strokeWidth={STROKE} />}
        <line className="gauge__tick" x1={tickIn.x} y1={tickIn.y} x2={tickOut.x} y2={tickOut.y} />
        <text
          className="gauge__tick-label num"
          x={label.x}
          y={label.y}
          textAnchor={g.limitFrac > 0.5 ? 'start' : 'end'}
        >
          {formatPct(maxExposurePct, 0)}
        </text>
        <text className="gauge__value-text num" x={CX} y={CY - 14} textAnchor="middle" data-testid="exposure-value">
          {formatPct(exposurePct)}
        </text>
        <text className="gauge__end num" x={CX - R} y={CY + 13} textAnchor="middle">
          0%
        </text>
        <text className="gauge__end num" x={CX + R} y={CY + 13} textAnchor="middle">
          {formatPct(g.scaleMax, 0)}
        </text>
      </svg>
      <div className="gauge__caption">
        <span className={`gauge__zone gauge__zone--${g.zone}`}>{ZONE_TEXT[g.zone]}</span>
        <span className="muted"> · of account equity, max {formatPct(maxExposurePct, 0)}</span>
      </div>
    </div>
  );
}

/** The drawing's px size in rem, so it scales with the type on large screens (theme.css). */
const remSize = (width: number, height: number) => ({ width: `${width / 16}rem`, height: `${height / 16}rem` });
