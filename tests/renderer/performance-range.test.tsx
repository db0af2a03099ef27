import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultRange, rangePresets, rangeRequest } from '../../src-renderer/features/performance/date-range';
import { isoWeekOf, nyDate, nyMidnight } from '../../src-renderer/features/performance/ny-dates';
import { PerformanceTab } from '../../src-renderer/features/performance/performance-tab';
import type { ComparisonChartProps } from '../../src-renderer/charts/comparison-chart';
import { createAppStore } from '../../src-renderer/store/app-store';
import { StoreProvider } from '../../src-renderer/store/context';
import { ok } from '../../src-shared/command-result';
import type { BotApi, CommandRequest } from '../../src-shared/ipc-contract';
import type { PerformanceReport } from '../../src-shared/performance';
import { fakeApi, makeConfig, makeDashboard, makeEvent, NY_10_42_13, OPEN } from './helpers/fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

// The market clock of the fixtures: Tuesday 2026-11-24, 10:42:13 in New York (EST, UTC−5).
// Daylight saving time ended on Sunday 2026-11-01, so earlier midnights are at 04:00 UTC.
const nyMidnightUtc = (month: number, day: number, offsetHours: number) => Date.UTC(2026, month - 1, day, offsetHours);

const EMPTY: PerformanceReport = {
  since: 0,
  until: 0,
  daily: [],
  weekly: [],
  monthly: [],
  cumulative: [],
  winRateByTicker: {},
  winRateBySignalType: {},
  winRateByConviction: {},
  winRateByTimeOfDay: {},
  pnlByInstrument: { stock: 0, option: 0, leveraged_etf: 0 },
  profitFactor: 0,
  sharpeRatio: 0,
  sharpeDays: 0,
  expectancy: 0,
  maxDrawdown: 0,
  calendar: [],
  spyBuyAndHold: [],
};

const StubChart = ({ pnl }: ComparisonChartProps) => <div data-testid="perf-chart-stub">{pnl.length}</div>;

function setup(dashboard: Parameters<typeof makeConfig>[0] = {}) {
  const { api } = fakeApi(makeDashboard());
  const getPerformance = vi.fn(async (_r?: CommandRequest<'getPerformance'>) => ok(EMPTY));
  const store = createAppStore({ ...api, getPerformance: getPerformance as BotApi['getPerformance'] });
  act(() => {
    store.getState().setConnection(OPEN);
    store.getState().applyConfig(makeConfig(dashboard));
    store.getState().applyDashboard(makeDashboard());
  });
  render(
    <StoreProvider store={store}>
      <PerformanceTab Chart={StubChart} />
    </StoreProvider>,
  );
  const lastRequest = () => getPerformance.mock.calls[getPerformance.mock.calls.length - 1]?.[0];
  return { getPerformance, lastRequest, store };
}

describe('New York dates', () => {
  it('finds New York midnight on both sides of the daylight-saving change', () => {
    expect(nyMidnight('2026-11-24')).toBe(nyMidnightUtc(11, 24, 5));
    expect(nyMidnight('2026-10-31')).toBe(nyMidnightUtc(10, 31, 4));
    expect(nyMidnight('2026-11-01')).toBe(nyMidnightUtc(11, 1, 4));
    expect(nyMidnight('2026-11-02')).toBe(nyMidnightUtc(11, 2, 5));
    expect(nyMidnight('2026-03-08')).toBe(nyMidnightUtc(3, 8, 5));
    expect(nyMidnight('2026-03-09')).toBe(nyMidnightUtc(3, 9, 4));
  });

  it('reads the New York date of an instant, not the UTC one', () => {
    expect(nyDate(NY_10_42_13)).toBe('2026-11-24');
    expect(nyDate(Date.UTC(2026, 10, 25, 3, 0))).toBe('2026-11-24');
    expect(nyDate(Date.UTC(2026, 10, 25, 5, 0))).toBe('2026-11-25');
  });

  it('numbers ISO weeks like the report does', () => {
    expect(isoWeekOf('2026-11-24')).toBe('2026-W48');
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
  });
});

describe('range presets', () => {
  it('offers today, 5, 30 and 90 days, plus the configured lookback when it is none of them', () => {
    expect(rangePresets(30).map((p) => p.label)).toEqual(['Today', '5D', '30D', '90D']);
    expect(rangePresets(10).map((p) => p.label)).toEqual(['Today', '5D', '10D', '30D', '90D']);
    expect(defaultRange(10)).toEqual({ kind: 'days', days: 10 });
  });

  it('starts a preset at New York midnight of its first day and leaves `until` to the bot', () => {
    expect(rangeRequest({ kind: 'days', days: 1 }, '2026-11-24')).toEqual({ since: nyMidnightUtc(11, 24, 5) });
    expect(rangeRequest({ kind: 'days', days: 5 }, '2026-11-24')).toEqual({ since: nyMidnightUtc(11, 20, 5) });
  });

  it('covers whole days for a custom range, to the last millisecond of its end date', () => {
    expect(rangeRequest({ kind: 'custom', from: '2026-11-02', to: '2026-11-06' }, '2026-11-24')).toEqual({
      since: nyMidnightUtc(11, 2, 5),
      until: nyMidnightUtc(11, 7, 5) - 1,
    });
  });
});

describe('Performance tab: the range sent to getPerformance', () => {
  it('asks for the configured lookback first, counted in New York days up to the market clock’s today', async () => {
    const { getPerformance, lastRequest } = setup();
    await waitFor(() => expect(getPerformance).toHaveBeenCalledTimes(1));
    // 30 days ending Tuesday Nov 24 start on Monday Oct 26, still daylight time.
    expect(lastRequest()).toEqual({ since: nyMidnightUtc(10, 26, 4) });
    expect(screen.getByTestId('perf-range-30d').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('perf-range-span').textContent).toBe('Oct 26 – Nov 24');
  });

  it('uses a lookback that is not a fixed preset as the default, with its own button', async () => {
    const { lastRequest } = setup({ pnlChartLookbackDays: 10 });
    await waitFor(() => expect(lastRequest()).toEqual({ since: nyMidnightUtc(11, 15, 5) }));
    expect(screen.getByTestId('perf-range-10d').getAttribute('aria-pressed')).toBe('true');
  });

  it('sends today, 5 days and 90 days from the presets', async () => {
    const { lastRequest } = setup();
    fireEvent.click(screen.getByTestId('perf-range-1d'));
    await waitFor(() => expect(lastRequest()).toEqual({ since: nyMidnightUtc(11, 24, 5) }));
    expect(screen.getByTestId('perf-range-span').textContent).toBe('Nov 24');
    fireEvent.click(screen.getByTestId('perf-range-5d'));
    await waitFor(() => expect(lastRequest()).toEqual({ since: nyMidnightUtc(11, 20, 5) }));
    fireEvent.click(screen.getByTestId('perf-range-90d'));
    await waitFor(() => expect(lastRequest()).toEqual({ since: nyMidnightUtc(8, 27, 4) }));
    expect(screen.getByTestId('perf-range-90d').getAttribute('aria-pressed')).toBe('true');
  });

  it('sends a custom from/to once applied, and refuses a reversed one', async () => {
    const { getPerformance, lastRequest } = setup();
    await waitFor(() => expect(getPerformance).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByTestId('perf-range-custom'));
    fireEvent.change(screen.getByTestId('perf-range-from'), { target: { value: '2026-11-10' } });
    fireEvent.change(screen.getByTestId('perf-range-to'), { target: { value: '2026-11-02' } });
    expect(screen.getByTestId('perf-range-apply')).toHaveProperty('disabled', true);
    expect(screen.getByText('The start is after the end.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('perf-range-from'), { target: { value: '2026-11-02' } });
    fireEvent.change(screen.getByTestId('perf-range-to'), { target: { value: '2026-11-06' } });
    expect(getPerformance).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId('perf-range-apply'));
    await waitFor(() =>
      expect(lastRequest()).toEqual({ since: nyMidnightUtc(11, 2, 5), until: nyMidnightUtc(11, 7, 5) - 1 }),
    );
  });

  it('refuses a custom end after today', () => {
    setup();
    fireEvent.click(screen.getByTestId('perf-range-custom'));
    fireEvent.change(screen.getByTestId('perf-range-to'), { target: { value: '2026-11-25' } });
    expect(screen.getByTestId('perf-range-apply')).toHaveProperty('disabled', true);
  });
});

describe('Performance tab: keeping the report fresh', () => {
  it('asks again every refreshIntervalSeconds while the page is visible, not while it is hidden', async () => {
    vi.useFakeTimers();
    const { getPerformance } = setup({ refreshIntervalSeconds: 7 });
    await act(async () => {});
    expect(getPerformance).toHaveBeenCalledTimes(1);
    await act(async () => vi.advanceTimersByTime(6_999));
    expect(getPerformance).toHaveBeenCalledTimes(1);
    await act(async () => vi.advanceTimersByTime(1));
    expect(getPerformance).toHaveBeenCalledTimes(2);

    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    await act(async () => vi.advanceTimersByTime(21_000));
    expect(getPerformance).toHaveBeenCalledTimes(2);
    visibility.mockReturnValue('visible');
    await act(async () => void document.dispatchEvent(new Event('visibilitychange')));
    expect(getPerformance).toHaveBeenCalledTimes(3);
    visibility.mockRestore();
  });

  it('asks again when a trade closes, and not for other events', async () => {
    const { getPerformance, store } = setup();
    await waitFor(() => expect(getPerformance).toHaveBeenCalledTimes(1));
    act(() => store.getState().applyEvent(makeEvent(1, { eventType: 'fill' })));
    act(() => store.getState().applyEvent(makeEvent(2, { eventType: 'trade' })));
    await waitFor(() => expect(getPerformance).toHaveBeenCalledTimes(2));
    expect(getPerformance.mock.calls[1]?.[0]).toEqual(getPerformance.mock.calls[0]?.[0]);
  });

  it('stops asking once the tab is gone', async () => {
    vi.useFakeTimers();
    const { getPerformance, store } = setup({ refreshIntervalSeconds: 1 });
    await act(async () => {});
    cleanup();
    await act(async () => vi.advanceTimersByTime(5_000));
    act(() => store.getState().applyEvent(makeEvent(3, { eventType: 'trade' })));
    expect(getPerformance).toHaveBeenCalledTimes(1);
  });
});
