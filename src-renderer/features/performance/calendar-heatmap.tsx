import { useState } from 'react';
import { formatSignedMoney } from '../../format/format';
import type { CalendarCell, CalendarLayout } from './calendar-layout';
import { longDateLabel } from './ny-dates';

export const CELL = 18;
export const GAP = 3;
const STEP = CELL + GAP;
const LEFT = 30;
const TOP = 18;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Where a cell is drawn: column = week, row = weekday. */
export const cellX = (col: number): number => LEFT + col * STEP;
export const cellY = (row: number): number => TOP + row * STEP;

const pnlText = (c: CalendarCell): string => (c.pnl === null ? 'no closed trades' : formatSignedMoney(c.pnl));

/** Daily P&L as weeks × weekdays: green for a winning day, red for a losing one, stronger with size. */
export function CalendarHeatmap({ layout }: { layout: CalendarLayout }) {
  const [hover, setHover] = useState<CalendarCell | null>(null);
  const width = cellX(Math.max(layout.weeks, 1)) - GAP + 2;
  const height = cellY(layout.rows) - GAP + 2;
  return (
    <div className="cal" data-testid="calendar-heatmap">
      <div className="cal__scroll">
        <svg
          className="cal__svg"
          width={width}
          height={height}
          style={{ width: `${width / 16}rem`, height: `${height / 16}rem` }}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label="Daily P&L calendar"
          onMouseLeave={() => setHover(null)}
        >
          {layout.months.map((m) => (
            <text key={`${m.label}-${m.col}`} className="cal__month" x={cellX(m.col)} y={TOP - 6}>
              {m.label}
            </text>
          ))}
          {WEEKDAYS.slice(0, layout.rows).map((d, row) => (
            <text key={d} className="cal__weekday" x={LEFT - 6} y={cellY(row) + CELL - 4} textAnchor="end">
              {row % 2 === 0 || layout.rows === 5 ? d : ''}
            </text>
          ))}
          {layout.cells.map((c) => (
            <rect
              key={c.date}
              className={`cal__cell cal__cell--${c.tone}`}
              x={cellX(c.col)}
              y={cellY(c.row)}
              width={CELL}
              height={CELL}
              rx={3}
              style={c.tone === 'none' ? undefined : { fillOpacity: 0.25 + 0.75 * c.intensity }}
              data-testid={`cal-${c.date}`}
              data-col={c.col}
              data-row={c.row}
              onMouseEnter={() => setHover(c)}
            >
              <title>{`${longDateLabel(c.date)} · ${pnlText(c)}`}</title>
            </rect>
          ))}
        </svg>
        {hover && (
          <div
            className="cal__tip"
            role="tooltip"
            data-testid="cal-tooltip"
            style={{ left: `${(cellX(hover.col) + CELL / 2) / 16}rem`, top: `${cellY(hover.row) / 16}rem` }}
          >
            <div className="cal__tip-date">{longDateLabel(hover.date)}</div>
            <div className={`num strong tone-${hover.tone === 'none' ? 'flat' : hover.tone}`}>{pnlText(hover)}</div>
          </div>
        )}
      </div>
      <div className="cal__legend muted" aria-hidden="true">
        <span>Loss</span>
        {[1, 0.6, 0.3].map((o) => (
          <span key={`d${o}`} className="cal__swatch cal__swatch--down" style={{ opacity: 0.25 + 0.75 * o }} />
        ))}
        <span className="cal__swatch cal__swatch--none" />
        {[0.3, 0.6, 1].map((o) => (
          <span key={`u${o}`} className="cal__swatch cal__swatch--up" style={{ opacity: 0.25 + 0.75 * o }} />
        ))}
        <span>Profit</span>
      </div>
    </div>
  );
}
