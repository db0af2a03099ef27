import { act, cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, AlertPriority } from '../../src-shared/alerts';
import { SoundAlerts } from '../../src-renderer/sounds/sound-alerts';
import { createSoundRouter } from '../../src-renderer/sounds/sound-router';
import { ALERT_TONES } from '../../src-renderer/sounds/tones';
import {
  createWebAudioPlayer,
  type AlertSoundPlayer,
  type ToneContext,
} from '../../src-renderer/sounds/web-audio-player';
import { createAppStore } from '../../src-renderer/store/app-store';
import { StoreProvider } from '../../src-renderer/store/context';
import { fakeApi, makeConfig } from './helpers/fixtures';

afterEach(cleanup);

function alert(priority: AlertPriority, sound = true, id = `${priority}-${Math.random()}`): Alert {
  return {
    id,
    rule: 'kill_switch',
    priority,
    title: `${priority} alert`,
    message: 'something happened',
    channels: { dashboard: true, log: true, push: priority !== 'info', sound },
    time: 0,
    ticker: null,
  };
}

/** A player that records what it was asked to play. */
function recorder(): AlertSoundPlayer & { played: AlertPriority[] } {
  const played: AlertPriority[] = [];
  return { played, play: (p) => void played.push(p) };
}

describe('sound router', () => {
  it('plays each priority’s own sound for Sound-channel alerts while sounds are enabled', () => {
    const player = recorder();
    let clock = 0;
    const route = createSoundRouter({ player, enabled: () => true, now: () => (clock += 5_000) });
    route(alert('info'));
    route(alert('warning'));
    route(alert('critical'));
    expect(player.played).toEqual(['info', 'warning', 'critical']);
  });

  it('stays silent when sounds are disabled or the alert has no Sound channel', () => {
    const player = recorder();
    let enabled = false;
    const route = createSoundRouter({ player, enabled: () => enabled });
    expect(route(alert('critical'))).toBe(false);
    enabled = true;
    expect(route(alert('critical', false))).toBe(false);
    expect(route(alert('critical'))).toBe(true);
    expect(player.played).toEqual(['critical']);
  });

  it('plays a burst of info or warning alerts once, every critical one', () => {
    const player = recorder();
    let clock = 0;
    const route = createSoundRouter({ player, enabled: () => true, now: () => clock, quietMs: 1000 });
    route(alert('warning'));
    clock = 500;
    route(alert('warning'));
    route(alert('critical'));
    route(alert('critical'));
    clock = 1_600;
    route(alert('warning'));
    expect(player.played).toEqual(['warning', 'critical', 'critical', 'warning']);
  });
});

describe('Web Audio tones', () => {
  /** A fake AudioContext that records every oscillator's type and frequency. */
  function fakeContext() {
    const beeps: { wave: string; frequency: number }[] = [];
    let resumed = 0;
    const param = () => ({
      setValueAtTime: () => undefined,
      linearRampToValueAtTime: () => undefined,
      exponentialRampToValueAtTime: () => undefined,
    });
    const ctx = {
      currentTime: 10,
      destination: {},
      state: 'suspended',
      resume: async () => void resumed++,
      createGain: () => ({ gain: param(), connect: (next: unknown) => next }),
      createOscillator: () => {
        const beep = { wave: '', frequency: 0 };
        beeps.push(beep);
        return {
          set type(t: string) {
            beep.wave = t;
          },
          frequency: { setValueAtTime: (f: number) => void (beep.frequency = f) },
          connect: (next: unknown) => next,
          start: () => undefined,
          stop: () => undefined,
        };
      },
    };
    return { ctx: ctx as unknown as ToneContext, beeps, resumed: () => resumed };
  }

  it('synthesise a distinct sound per priority: one soft blip, a two-tone chime, an urgent siren', () => {
    const fake = fakeContext();
    const player = createWebAudioPlayer(() => fake.ctx);
    const heard = (p: AlertPriority) => {
      fake.beeps.length = 0;
      player.play(p);
      return fake.beeps.map((b) => `${b.wave}@${b.frequency}`);
    };
    expect(heard('info')).toEqual(['sine@880']);
    expect(heard('warning')).toEqual(['triangle@660', 'triangle@880']);
    const critical = heard('critical');
    expect(critical.length).toBeGreaterThanOrEqual(4);
    expect(new Set(critical)).toEqual(new Set(['square@988', 'square@740']));
    expect(fake.resumed()).toBeGreaterThan(0);
    expect(ALERT_TONES.info.length).toBeLessThan(ALERT_TONES.warning.length);
  });

  it('stay silent without Web Audio', () => {
    expect(() => createWebAudioPlayer(() => null).play('critical')).not.toThrow();
  });
});

describe('<SoundAlerts>', () => {
  it('plays pushed alerts by the dashboard’s sound setting, and toasts Dashboard-channel ones', () => {
    const { api } = fakeApi();
    const store = createAppStore(api);
    const player = recorder();
    render(createElement(StoreProvider, { store, children: createElement(SoundAlerts, { player }) }));

    act(() => store.getState().applyConfig(makeConfig({ enableSoundAlerts: false })));
    act(() => store.getState().applyAlert(alert('critical')));
    expect(player.played).toEqual([]);
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'error', title: 'critical alert' });

    act(() => store.getState().applyConfig(makeConfig({ enableSoundAlerts: true })));
    act(() => store.getState().applyAlert(alert('critical')));
    act(() => store.getState().applyAlert(alert('warning', false)));
    expect(player.played).toEqual(['critical']);
  });
});
