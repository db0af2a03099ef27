import { nativeImage, type NativeImage } from 'electron';
import type { BotStatus } from '../src-shared/bot-state';

/** The icon's colour follows the status, in the status pill's colours. */
export type TrayTone = BotStatus;

const RGB: Record<TrayTone, readonly [number, number, number]> = {
  live: [16, 185, 129],
  paper: [59, 130, 246],
  paused: [245, 158, 11],
  killed: [239, 68, 68],
  stopped: [148, 163, 184],
};

export const toneOf = (status: BotStatus): TrayTone => status;

/** 32 px drawn at scale 2, so it is a sharp 16 pt icon on both normal and HiDPI screens. */
const SIZE = 32;

/** An anti-aliased filled disc as premultiplied BGRA, the layout `createFromBitmap` takes. */
export function discBitmap(tone: TrayTone, size = SIZE): Buffer {
  const [r, g, b] = RGB[tone];
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size / 2 - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const coverage = Math.min(1, Math.max(0, radius + 0.5 - Math.hypot(x - centre, y - centre)));
      const i = (y * size + x) * 4;
      pixels[i] = Math.round(b * coverage);
      pixels[i + 1] = Math.round(g * coverage);
      pixels[i + 2] = Math.round(r * coverage);
      pixels[i + 3] = Math.round(255 * coverage);
    }
  }
  return pixels;
}

const cache = new Map<TrayTone, NativeImage>();

/** Built in code, so the app ships no icon assets for the tray. */
export function trayIcon(tone: TrayTone): NativeImage {
  let image = cache.get(tone);
  if (!image) {
    image = nativeImage.createFromBitmap(discBitmap(tone), { width: SIZE, height: SIZE, scaleFactor: 2 });
    cache.set(tone, image);
  }
  return image;
}
