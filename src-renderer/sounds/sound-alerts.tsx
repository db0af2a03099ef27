import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/context';
import { createSoundRouter } from './sound-router';
import { createWebAudioPlayer, type AlertSoundPlayer } from './web-audio-player';

/**
 * Plays the Sound-channel alerts while the dashboard settings allow it (renders nothing).
 * `player` defaults to the Web Audio synthesiser.
 */
export function SoundAlerts({ player }: { player?: AlertSoundPlayer }) {
  const onPush = useAppStore((s) => s.onPush);
  const enabled = useAppStore((s) => s.config?.dashboard.enableSoundAlerts === true);
  const enabledNow = useRef(enabled);
  const [sound] = useState(() => player ?? createWebAudioPlayer());

  useEffect(() => {
    enabledNow.current = enabled;
  }, [enabled]);

  useEffect(
    () => onPush('alert', createSoundRouter({ player: sound, enabled: () => enabledNow.current })),
    [onPush, sound],
  );

  // Browsers start audio suspended until the user interacts; the first click or key unlocks it.
  useEffect(() => {
    if (!sound.unlock) return;
    const unlock = () => sound.unlock?.();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [sound]);

  return null;
}
