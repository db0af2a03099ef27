import type { AlertPriority } from '../../src-shared/alerts';
import { ALERT_TONES } from './tones';

/** Plays the sound of an alert priority. */
export interface AlertSoundPlayer {
  play(priority: AlertPriority): void;
  /** Lets audio start: browsers keep audio suspended until the user has interacted with the page. */
  unlock?(): void;
}

/** The subset of AudioContext the player uses (a fake stands in for it in tests). */
export type ToneContext = Pick<
  AudioContext,
  'currentTime' | 'destination' | 'state' | 'resume' | 'createOscillator' | 'createGain'
>;

function browserContext(): ToneContext | null {
  const Ctor =
    globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  return Ctor ? new Ctor() : null;
}

/** Silence for the envelope's ends (exponential ramps cannot reach 0). */
const FLOOR = 0.0001;

/**
 * Synthesises the alert tones with the Web Audio API (no audio files). The context is made on
 * first use; without Web Audio (old browsers, tests) the player is silent.
 */
export function createWebAudioPlayer(createContext: () => ToneContext | null = browserContext): AlertSoundPlayer {
  let context: ToneContext | null | undefined;
  const ready = (): ToneContext | null => {
    if (context === undefined) context = createContext();
    if (context?.state === 'suspended') context.resume().catch(() => undefined);
    return context;
  };
  return {
    unlock: () => void ready(),
    play(priority) {
      const ctx = ready();
      if (!ctx) return;
      const t0 = ctx.currentTime + 0.02;
      for (const step of ALERT_TONES[priority]) {
        const start = t0 + step.start;
        const end = start + step.duration;
        const oscillator = ctx.createOscillator();
        const envelope = ctx.createGain();
        oscillator.type = step.wave;
        oscillator.frequency.setValueAtTime(step.frequency, start);
        envelope.gain.setValueAtTime(FLOOR, start);
        envelope.gain.linearRampToValueAtTime(step.gain, start + 0.012);
        envelope.gain.exponentialRampToValueAtTime(FLOOR, end);
        oscillator.connect(envelope).connect(ctx.destination);
        oscillator.start(start);
        oscillator.stop(end + 0.02);
      }
    },
  };
}
