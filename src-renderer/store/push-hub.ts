import type { Pushes } from '../../src-shared/ipc-contract';

/** The pushes components may listen to one by one (the snapshot goes through the store instead). */
export type LivePushName = Exclude<keyof Pushes, 'dashboard' | 'navigate'>;
export type LivePushListener<P extends LivePushName> = (payload: Pushes[P]) => void;

/**
 * A small listener registry for live pushes. Charts draw bar updates outside React, the event
 * log filters events as they come, the sound player reacts to alerts: all of them subscribe
 * here rather than re-rendering on every push.
 */
export interface PushHub {
  on<P extends LivePushName>(name: P, listener: LivePushListener<P>): () => void;
  emit<P extends LivePushName>(name: P, payload: Pushes[P]): void;
}

export function createPushHub(): PushHub {
  const listeners: { [P in LivePushName]: Set<LivePushListener<P>> } = {
    event: new Set(),
    bars: new Set(),
    alert: new Set(),
  };
  return {
    on(name, listener) {
      const set: Set<typeof listener> = listeners[name];
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit(name, payload) {
      const set: Set<LivePushListener<typeof name>> = listeners[name];
      // A throwing listener must not starve the others (or the store update that came before).
      for (const listener of [...set]) {
        try {
          listener(payload);
        } catch (error) {
          console.error(`axion: a '${name}' listener failed`, error);
        }
      }
    },
  };
}
