import { describe, expect, it } from 'vitest';
import { conviction, sizeForConviction, trendPosition, type ConvictionInput } from '../../src-main/engine/conviction';
import { cloud, clouds, makeConfig } from './engine-fixtures';

const bull = cloud(11, 10);
const bear = cloud(9, 10);

describe('conviction (DESIGN §2)', () => {
  const cases: [string, ConvictionInput, number][] = [
    [
      // 30 × 4/4 + 30 × 3/4 + 20 × 1 + 20 × min(1, 1500 / (1.5 × 1000)) = 30 + 22.5 + 20 + 20 = 92.5 → 93
      'long, all four clouds agree, 3 of 4 other timeframes agree, close above the trend cloud, volume 1.5× average: 93',
      {
        direction: 'long',
        clouds: clouds({ fast: bull, pullback: bull, trend: cloud(100, 99), macro: bull }),
        otherTrendClouds: [bull, bull, bull, bear],
        close: 101,
        volume: 1500,
        avgVolume20: 1000,
      },
      93,
    ],
    [
      // 30 × 2/4 + 30 × 1/3 + 20 × 0.5 + 20 × (750 / 1500) = 15 + 10 + 10 + 10 = 45
      'short, half the clouds agree (a null cloud does not), 1 of 3 others, close inside the trend cloud, volume 0.75× average: 45',
      {
        direction: 'short',
        clouds: clouds({ fast: bear, pullback: bear, trend: cloud(102, 100), macro: null }),
        otherTrendClouds: [bear, bull, null],
        close: 101,
        volume: 750,
        avgVolume20: 1000,
      },
      45,
    ],
    [
      // 30 × 1/4 + 0 + 0 + 0 = 7.5 → 8
      'nothing for the volume without an average, for the trend without a trend cloud, for no other timeframes; 7.5 rounds to 8',
      {
        direction: 'long',
        clouds: clouds({ fast: bull }),
        otherTrendClouds: [],
        close: 101,
        volume: 1e9,
        avgVolume20: null,
      },
      8,
    ],
    [
      // long below the trend cloud: 30 × 1/4 (fast) + 30 × 0 + 0 + 20 × 1 = 27.5 → 28
      '0 for a close against the direction, the volume term capped at 20',
      {
        direction: 'long',
        clouds: clouds({ fast: bull, pullback: bear, trend: cloud(100, 101), macro: bear }),
        otherTrendClouds: [bear],
        close: 99,
        volume: 1e9,
        avgVolume20: 1000,
      },
      28,
    ],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(conviction(input)).toBe(expected);
  });

  it('places the close against the trend cloud by its top and bottom, edges inside', () => {
    const trend = cloud(100, 102);
    expect(trendPosition(102.01, trend, 'long')).toBe(1);
    expect(trendPosition(102, trend, 'long')).toBe(0.5);
    expect(trendPosition(100, trend, 'long')).toBe(0.5);
    expect(trendPosition(99.99, trend, 'long')).toBe(0);
    expect(trendPosition(99.99, trend, 'short')).toBe(1);
    expect(trendPosition(102.01, trend, 'short')).toBe(0);
    expect(trendPosition(101, null, 'short')).toBe(0);
  });
});

describe('sizeForConviction', () => {
  const signals = makeConfig().signals; // 75 full, 50 half

  it('executes full size from 75, half size from 50, logs only below', () => {
    expect(sizeForConviction(100, signals)).toBe('full');
    expect(sizeForConviction(75, signals)).toBe('full');
    expect(sizeForConviction(74, signals)).toBe('half');
    expect(sizeForConviction(50, signals)).toBe('half');
    expect(sizeForConviction(49, signals)).toBe('log_only');
    expect(sizeForConviction(0, signals)).toBe('log_only');
  });

  it('follows configured thresholds', () => {
    const custom = { ...signals, fullSizeMinConviction: 90, halfSizeMinConviction: 60 };
    expect(sizeForConviction(89, custom)).toBe('half');
    expect(sizeForConviction(59, custom)).toBe('log_only');
  });
});
