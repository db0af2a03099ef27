import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CalendarHeatmap, cellX, cellY } from '../../src-renderer/features/performance/calendar-heatmap';
import { calendarLayout, MAX_CALENDAR_WEEKS } from '../../src-renderer/features/performance/calendar-layout';

afterEach(cleanup);

// November 2026: the 2nd is a Monday, the 13th a Friday, the 24th a Tuesday.
const DAYS = [
  { date: '2026-11-03', pnl: 100 },
  { date: '2026-11-13', pnl: -50 },
  { date: '2026-11-24', pnl: 25 },
];

const cellOf = (layout: ReturnType<typeof calendarLayout>, date: string) => layout.cells.find((c) => c.date === date);

describe('calendar heatmap layout', () => {
  it('puts each day in its week column and weekday row, Monday first', () => {
    const layout = calendarLayout('2026-11-02', '2026-11-24', DAYS);
    expect(cellOf(layout, '2026-11-02')).toMatchObject({ col: 0, row: 0, pnl: null, tone: 'none' });
    expect(cellOf(layout, '2026-11-03')).toMatchObject({ col: 0, row: 1, pnl: 100 });
    expect(cellOf(layout, '2026-11-13')).toMatchObject({ col: 1, row: 4, pnl: -50 });
    expect(cellOf(layout, '2026-11-16')).toMatchObject({ col: 2, row: 0 });
    expect(cellOf(layout, '2026-11-24')).toMatchObject({ col: 3, row: 1, pnl: 25 });
    expect(layout.weeks).toBe(4);
  });

  it('starts the first column at the Monday of the first day’s week', () => {
    const layout = calendarLayout('2026-10-29', '2026-11-03', DAYS);
    expect(cellOf(layout, '2026-10-29')).toMatchObject({ col: 0, row: 3 });
    expect(cellOf(layout, '2026-10-30')).toMatchObject({ col: 0, row: 4 });
    expect(cellOf(layout, '2026-11-02')).toMatchObject({ col: 1, row: 0 });
    expect(layout.cells.map((c) => c.date)).toEqual(['2026-10-29', '2026-10-30', '2026-11-02', '2026-11-03']);
  });

  it('leaves weekends out, unless a weekend day has P&L, then draws seven rows', () => {
    const weekdays = calendarLayout('2026-11-02', '2026-11-15', DAYS);
    expect(weekdays.rows).toBe(5);
    expect(cellOf(weekdays, '2026-11-07')).toBeUndefined();
    const withSaturday = calendarLayout('2026-11-02', '2026-11-15', [...DAYS, { date: '2026-11-07', pnl: 5 }]);
    expect(withSaturday.rows).toBe(7);
    expect(cellOf(withSaturday, '2026-11-07')).toMatchObject({ col: 0, row: 5, tone: 'up' });
    expect(cellOf(withSaturday, '2026-11-08')).toMatchObject({ col: 0, row: 6, tone: 'none' });
  });

  it('colours by sign and scales the strength with |P&L| against the largest day', () => {
    const layout = calendarLayout('2026-11-02', '2026-11-24', [...DAYS, { date: '2026-11-05', pnl: 0 }]);
    expect(cellOf(layout, '2026-11-03')).toMatchObject({ tone: 'up', intensity: 1 });
    expect(cellOf(layout, '2026-11-13')?.tone).toBe('down');
    expect(cellOf(layout, '2026-11-13')?.intensity).toBeCloseTo(Math.sqrt(0.5));
    expect(cellOf(layout, '2026-11-24')?.intensity).toBeCloseTo(0.5);
    expect(cellOf(layout, '2026-11-05')).toMatchObject({ tone: 'flat', intensity: 0 });
  });

  it('labels each month over the column of its first day, dropping a first label that would collide', () => {
    expect(calendarLayout('2026-10-01', '2026-11-24', DAYS).months).toEqual([
      { label: 'Oct', col: 0 },
      { label: 'Nov', col: 5 },
    ]);
    // Oct 29–30 fill the first column and November starts in the next one: only 'Nov' fits.
    expect(calendarLayout('2026-10-29', '2026-11-24', DAYS).months).toEqual([{ label: 'Nov', col: 1 }]);
  });

  it('draws nothing for an empty or reversed range, and at most the latest two years of weeks', () => {
    expect(calendarLayout('2026-11-24', '2026-11-02', DAYS).cells).toEqual([]);
    expect(calendarLayout('', '', DAYS).cells).toEqual([]);
    const tenYears = calendarLayout('2016-11-24', '2026-11-24', DAYS);
    expect(tenYears.weeks).toBe(MAX_CALENDAR_WEEKS);
    expect(tenYears.cells[tenYears.cells.length - 1]?.date).toBe('2026-11-24');
  });
});

describe('<CalendarHeatmap>', () => {
  it('draws every day as a cell at its week × weekday position, green for profit and red for loss', () => {
    render(<CalendarHeatmap layout={calendarLayout('2026-11-02', '2026-11-24', DAYS)} />);
    const win = screen.getByTestId('cal-2026-11-03');
    expect(win.getAttribute('x')).toBe(String(cellX(0)));
    expect(win.getAttribute('y')).toBe(String(cellY(1)));
    expect(win.getAttribute('class')).toContain('cal__cell--up');
    const loss = screen.getByTestId('cal-2026-11-13');
    expect(loss.getAttribute('x')).toBe(String(cellX(1)));
    expect(loss.getAttribute('y')).toBe(String(cellY(4)));
    expect(loss.getAttribute('class')).toContain('cal__cell--down');
    expect(screen.getByTestId('cal-2026-11-02').getAttribute('class')).toContain('cal__cell--none');
    expect(document.querySelectorAll('.cal__cell')).toHaveLength(17);
  });

  it('makes the biggest day the strongest colour', () => {
    render(<CalendarHeatmap layout={calendarLayout('2026-11-02', '2026-11-24', DAYS)} />);
    const opacity = (date: string) => parseFloat(screen.getByTestId(`cal-${date}`).style.fillOpacity);
    expect(opacity('2026-11-03')).toBe(1);
    expect(opacity('2026-11-24')).toBeLessThan(opacity('2026-11-13'));
    expect(opacity('2026-11-13')).toBeLessThan(1);
  });

  it('shows the date and the P&L of a day on hover, and in the cell’s title', () => {
    render(<CalendarHeatmap layout={calendarLayout('2026-11-02', '2026-11-24', DAYS)} />);
    fireEvent.mouseEnter(screen.getByTestId('cal-2026-11-13'));
    const tip = screen.getByTestId('cal-tooltip');
    expect(tip.textContent).toContain('Fri, Nov 13, 2026');
    expect(tip.textContent).toContain('−$50.00');
    fireEvent.mouseEnter(screen.getByTestId('cal-2026-11-02'));
    expect(screen.getByTestId('cal-tooltip').textContent).toContain('no closed trades');
    expect(screen.getByTestId('cal-2026-11-03').querySelector('title')?.textContent).toBe(
      'Tue, Nov 3, 2026 · +$100.00',
    );
  });
});
