import { describe, expect, it } from 'vitest';
import { planPnlUpdate, toPnlSeries } from '../../src-renderer/charts/pnl-data';

const T0 = Date.UTC(2026, 10, 24, 14, 30);
const pt = (minute: number, pnl: number) => ({ time: T0 + minute * 60_000, pnl });

describe('intraday P&L chart data', () => {
  it('maps epoch ms to ascending UTC seconds, drops non-finite points and keeps the last per second', () => {
    const series = toPnlSeries([
      pt(2, 20),
      pt(0, 0),
      { time: T0 + 60_000 + 400, pnl: 5 },
      pt(1, 10),
      { time: NaN, pnl: 1 },
      pt(3, NaN),
    ]);
    expect(series).toEqual([
      { time: T0 / 1000, value: 0 },
      { time: T0 / 1000 + 60, value: 10 },
      { time: T0 / 1000 + 120, value: 20 },
    ]);
  });

  it('updates the last point in place when only its value changed', () => {
    const shown = toPnlSeries([pt(0, 0), pt(1, 10)]);
    expect(planPnlUpdate(shown, toPnlSeries([pt(0, 0), pt(1, 12)]))).toEqual({
      kind: 'update',
      point: { time: T0 / 1000 + 60, value: 12 },
    });
    expect(planPnlUpdate(shown, toPnlSeries([pt(0, 0), pt(1, 10)]))).toEqual({ kind: 'none' });
  });

  it('appends one new point with update', () => {
    const shown = toPnlSeries([pt(0, 0), pt(1, 10)]);
    expect(planPnlUpdate(shown, toPnlSeries([pt(0, 0), pt(1, 10), pt(2, 15)]))).toMatchObject({ kind: 'update' });
  });

  it('replaces the data for a first draw, a new session, a trimmed window or an edited history', () => {
    const shown = toPnlSeries([pt(0, 0), pt(1, 10), pt(2, 15)]);
    expect(planPnlUpdate([], shown).kind).toBe('set');
    expect(planPnlUpdate(shown, toPnlSeries([pt(1, 10), pt(2, 15), pt(3, 9)])).kind).toBe('set');
    expect(planPnlUpdate(shown, toPnlSeries([pt(0, 0), pt(1, 11), pt(2, 16)])).kind).toBe('set');
    expect(planPnlUpdate(shown, toPnlSeries([pt(0, 0), pt(1, 10), pt(2, 15), pt(3, 1), pt(4, 2)])).kind).toBe('set');
    expect(planPnlUpdate(shown, []).kind).toBe('set');
  });
});
