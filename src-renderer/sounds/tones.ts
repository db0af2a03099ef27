import type { AlertPriority } from '../../src-shared/alerts';

/** One beep: an oscillator at `frequency` Hz from `start` s for `duration` s, peaking at `gain`. */
export interface ToneStep {
  frequency: number;
  start: number;
  duration: number;
  wave: OscillatorType;
  gain: number;
}

const beeps = (
  count: number,
  frequencies: readonly number[],
  gap: number,
  step: Omit<ToneStep, 'frequency' | 'start'>,
) =>
  Array.from({ length: count }, (_, i) => ({
    ...step,
    frequency: frequencies[i % frequencies.length]!,
    start: i * gap,
  }));

/**
 * The alert sounds, one per priority and easy to tell apart without looking:
 * info a single soft sine blip; warning a rising two-tone chime; critical an urgent
 * alternating square-wave siren, repeated three times.
 */
export const ALERT_TONES: Record<AlertPriority, readonly ToneStep[]> = {
  info: [{ frequency: 880, start: 0, duration: 0.18, wave: 'sine', gain: 0.12 }],
  warning: beeps(2, [660, 880], 0.22, { duration: 0.18, wave: 'triangle', gain: 0.22 }),
  critical: beeps(6, [988, 740], 0.15, { duration: 0.12, wave: 'square', gain: 0.16 }),
};
