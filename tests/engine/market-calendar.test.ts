import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultConfig } from '../../src-shared/config-schema';
import {
  describeMarketClock,
  isTradingDay,
  nextTradingDate,
  sessionBounds,
  sessionDateOf,
  simulationStart,
  type ScheduleConfig,
} from '../../src-main/engine/market-calendar';

// Default schedule: holiday 2026-11-26 (Thu), half day 2026-11-27 (Fri, 13:00), holiday 2026-12-25.
const schedule: ScheduleConfig = defaultConfig().schedule;
const utc = (iso: string): number => Date.parse(iso);

describe('sessionDateOf', () => {
  it('gives the New York date, not the UTC date', () => {
    expect(sessionDateOf(utc('2026-11-25T03:00:00Z'))).toBe('2026-11-24'); // 22:00 EST
    expect(sessionDateOf(utc('2026-11-25T05:00:00Z'))).toBe('2026-11-25'); // 00:00 EST
  });

  it('follows daylight saving time', () => {
    expect(sessionDateOf(utc('2026-03-09T03:59:00Z'))).toBe('2026-03-08'); // 23:59 EDT
    expect(sessionDateOf(utc('2026-03-09T04:00:00Z'))).toBe('2026-03-09'); // 00:00 EDT
  });
});

describe('isTradingDay', () => {
  it('accepts weekdays and half days', () => {
    expect(isTradingDay('2026-11-24', schedule)).toBe(true);
    expect(isTradingDay('2026-11-27', schedule)).toBe(true);
  });

  it('rejects weekends and configured holidays', () => {
    expect(isTradingDay('2026-11-21', schedule)).toBe(false);
    expect(isTradingDay('2026-11-22', schedule)).toBe(false);
    expect(isTradingDay('2026-11-26', schedule)).toBe(false);
    expect(isTradingDay('2026-11-24', { ...schedule, holidays: ['2026-11-24'] })).toBe(false);
  });

  it('rejects malformed dates', () => {
    expect(() => isTradingDay('2026-1-5', schedule)).toThrow(RangeError);
  });
});

describe('sessionBounds', () => {
  it.each([
    ['2026-03-06', '2026-03-06T14:30:00Z', '2026-03-06T21:00:00Z'], // EST, before the switch
    ['2026-03-09', '2026-03-09T13:30:00Z', '2026-03-09T20:00:00Z'], // EDT, first Monday after
    ['2026-10-30', '2026-10-30T13:30:00Z', '2026-10-30T20:00:00Z'], // EDT, last Friday before
    ['2026-11-02', '2026-11-02T14:30:00Z', '2026-11-02T21:00:00Z'], // EST, first Monday after
    ['2026-11-24', '2026-11-24T14:30:00Z', '2026-11-24T21:00:00Z'],
  ])('puts the %s session at the right UTC instants across DST', (date, open, close) => {
    expect(sessionBounds(date, schedule)).toEqual({ open: utc(open), close: utc(close) });
  });

  it('closes at halfDayClose on half days', () => {
    expect(sessionBounds('2026-11-27', schedule)).toEqual({
      open: utc('2026-11-27T14:30:00Z'),
      close: utc('2026-11-27T18:00:00Z'),
    });
    expect(sessionBounds('2026-11-27', { ...schedule, halfDayClose: '12:30' })?.close).toBe(
      utc('2026-11-27T17:30:00Z'),
    );
  });

  it('uses the configured open and close', () => {
    expect(sessionBounds('2026-11-24', { ...schedule, marketOpen: '10:00', marketClose: '15:00' })).toEqual({
      open: utc('2026-11-24T15:00:00Z'),
      close: utc('2026-11-24T20:00:00Z'),
    });
  });

  it('is null on weekends and holidays', () => {
    expect(sessionBounds('2026-11-21', schedule)).toBeNull();
    expect(sessionBounds('2026-11-26', schedule)).toBeNull();
  });
});

describe('nextTradingDate', () => {
  it('skips weekends and holidays', () => {
    expect(nextTradingDate('2026-11-24', schedule)).toBe('2026-11-25');
    expect(nextTradingDate('2026-11-25', schedule)).toBe('2026-11-27');
    expect(nextTradingDate('2026-11-27', schedule)).toBe('2026-11-30');
    expect(nextTradingDate('2026-12-24', schedule)).toBe('2026-12-28');
    expect(nextTradingDate('2026-12-31', schedule)).toBe('2027-01-04');
  });

  it('returns the first trading date strictly after the given one', () => {
    const day = 86_400_000;
    const dates = fc
      .integer({ min: 0, max: 3 * 365 })
      .map((n) => new Date(utc('2026-01-01T00:00:00Z') + n * day).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, (date) => {
        const next = nextTradingDate(date, schedule);
        expect(next > date).toBe(true);
        expect(isTradingDay(next, schedule)).toBe(true);
        for (let t = utc(`${date}T00:00:00Z`) + day; t < utc(`${next}T00:00:00Z`); t += day) {
          expect(isTradingDay(new Date(t).toISOString().slice(0, 10), schedule)).toBe(false);
        }
      }),
    );
  });
});

describe('describeMarketClock', () => {
  // 2026-11-24 is a Tuesday in EST (UTC−5).
  it.each([
    ['2026-11-24T08:59:00Z', 'closed'], // 03:59
    ['2026-11-24T09:00:00Z', 'pre_market'], // 04:00
    ['2026-11-24T14:29:59Z', 'pre_market'], // 09:29:59
    ['2026-11-24T14:30:00Z', 'open'], // 09:30
    ['2026-11-24T20:59:59Z', 'open'], // 15:59:59
    ['2026-11-24T21:00:00Z', 'after_hours'], // 16:00
    ['2026-11-25T00:59:00Z', 'after_hours'], // 19:59
    ['2026-11-25T01:00:00Z', 'closed'], // 20:00
    ['2026-11-21T17:00:00Z', 'closed'], // Saturday noon
    ['2026-11-26T17:00:00Z', 'closed'], // Thanksgiving noon
    ['2026-11-27T18:00:00Z', 'after_hours'], // half day, 13:00
  ] as const)('at %s the phase is %s', (iso, phase) => {
    expect(describeMarketClock(utc(iso), schedule, 30).phase).toBe(phase);
  });

  it('before the open points at today’s open and close', () => {
    const clock = describeMarketClock(utc('2026-11-24T13:00:00Z'), schedule, 30);
    expect(clock).toEqual({
      now: utc('2026-11-24T13:00:00Z'),
      phase: 'pre_market',
      sessionDate: '2026-11-24',
      nextOpen: utc('2026-11-24T14:30:00Z'),
      nextClose: utc('2026-11-24T21:00:00Z'),
      speed: 30,
    });
  });

  it('while open points at today’s close and the next session’s open', () => {
    const clock = describeMarketClock(utc('2026-11-24T16:00:00Z'), schedule, 0);
    expect(clock.nextClose).toBe(utc('2026-11-24T21:00:00Z'));
    expect(clock.nextOpen).toBe(utc('2026-11-25T14:30:00Z'));
    expect(clock.speed).toBe(0);
  });

  it('after the close points at the next session, skipping the holiday to a half day', () => {
    const clock = describeMarketClock(utc('2026-11-25T22:00:00Z'), schedule, 30);
    expect(clock.sessionDate).toBe('2026-11-25');
    expect(clock.nextOpen).toBe(utc('2026-11-27T14:30:00Z'));
    expect(clock.nextClose).toBe(utc('2026-11-27T18:00:00Z'));
  });

  it('on a weekend points at Monday', () => {
    const clock = describeMarketClock(utc('2026-11-22T15:00:00Z'), schedule, 30);
    expect(clock.sessionDate).toBe('2026-11-22');
    expect(clock.nextOpen).toBe(utc('2026-11-23T14:30:00Z'));
    expect(clock.nextClose).toBe(utc('2026-11-23T21:00:00Z'));
  });

  it('the weekend before the DST switch points at an EDT open', () => {
    const clock = describeMarketClock(utc('2026-03-07T17:00:00Z'), schedule, 30);
    expect(clock.nextOpen).toBe(utc('2026-03-09T13:30:00Z'));
  });
});

describe('simulationStart', () => {
  it('starts on the same NY date when it is a trading day, even late in the evening', () => {
    expect(simulationStart(utc('2026-11-25T03:00:00Z'), schedule, '09:30')).toBe(utc('2026-11-24T14:30:00Z'));
  });

  it('starts on Monday when launched on a weekend', () => {
    expect(simulationStart(utc('2026-11-21T12:00:00Z'), schedule, '09:30')).toBe(utc('2026-11-23T14:30:00Z'));
  });

  it('starts on the next trading day when launched on a holiday', () => {
    expect(simulationStart(utc('2026-11-26T15:00:00Z'), schedule, '10:15')).toBe(utc('2026-11-27T15:15:00Z'));
  });

  it('honours DST of the start date', () => {
    expect(simulationStart(utc('2026-03-08T15:00:00Z'), schedule, '09:00')).toBe(utc('2026-03-09T13:00:00Z'));
  });
});
