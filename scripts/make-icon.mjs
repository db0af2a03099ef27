// @ts-check
// Draws build/icon.png (512×512), the app icon electron-builder turns into .icns / .ico and
// the Linux icon set: the favicon's three rising blue bars on the dark rounded square.
// Run: node scripts/make-icon.mjs. No image library: PNG is a zlib stream with CRC'd chunks.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const BACKGROUND = [0x0b, 0x0f, 0x14];
const BLUE = [0x3b, 0x82, 0xf6];
/** Favicon geometry on a 16-unit grid: [x, y, width, height, opacity]. */
const BARS = [
  [3, 8, 2.5, 5, 0.6],
  [6.75, 5.5, 2.5, 7.5, 0.8],
  [10.5, 3, 2.5, 10, 1],
];
const RADIUS = 3;

/** Coverage (0–1) of pixel (px, py) by the rounded square, sampled 4×4. */
function squareCoverage(px, py) {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = ((px + (sx + 0.5) / 4) / SIZE) * 16;
      const y = ((py + (sy + 0.5) / 4) / SIZE) * 16;
      const dx = Math.max(RADIUS - x, 0, x - (16 - RADIUS));
      const dy = Math.max(RADIUS - y, 0, y - (16 - RADIUS));
      if (dx * dx + dy * dy <= RADIUS * RADIUS) hits++;
    }
  }
  return hits / 16;
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let px = 0; px < SIZE; px++) {
    const u = ((px + 0.5) / SIZE) * 16;
    const v = ((py + 0.5) / SIZE) * 16;
    let colour = BACKGROUND;
    for (const [x, y, w, h, opacity] of BARS) {
      if (u >= x && u < x + w && v >= y && v < y + h) {
        colour = BACKGROUND.map((c, i) => Math.round(c + (BLUE[i] - c) * opacity));
      }
    }
    const i = 1 + px * 4;
    row[i] = colour[0];
    row[i + 1] = colour[1];
    row[i + 2] = colour[2];
    row[i + 3] = Math.round(255 * squareCoverage(px, py));
  }
  rows.push(row);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
