// `npx tsx scripts/make-tray-icons.ts`: draws the tray icons (a filled circle per engine state) into build/tray/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { TrayIconState } from '../src-main/core/tray-menu';

/** Colours as in the UI's state dots: running green, paused amber, stopped grey, error red, starting blue. */
const COLOURS: Record<TrayIconState, [number, number, number]> = {
  running: [0x2e, 0xa0, 0x43],
  paused: [0xd2, 0x99, 0x22],
  stopped: [0x8b, 0x94, 0x9e],
  error: [0xda, 0x36, 0x33],
  starting: [0x2f, 0x81, 0xf7],
};

/** Sub-pixel samples per axis, for smooth edges. */
const SAMPLES = 4;

/** RGBA pixels of a `size`×`size` image holding a centred filled circle, edges anti-aliased. */
function circle(size: number, [r, g, b]: [number, number, number]): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const radius = size * 0.375;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inside = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const dx = x + (sx + 0.5) / SAMPLES - centre;
          const dy = y + (sy + 0.5) / SAMPLES - centre;
          if (dx * dx + dy * dy <= radius * radius) inside++;
        }
      }
      pixels.set([r, g, b, Math.round((255 * inside) / (SAMPLES * SAMPLES))], (y * size + x) * 4);
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A PNG file (8-bit RGBA, no interlace, filter 0 on every row) of `rgba` pixels. */
function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

const folder = join(import.meta.dirname, '..', 'build', 'tray');
mkdirSync(folder, { recursive: true });
for (const [state, colour] of Object.entries(COLOURS)) {
  // Electron picks NAME@2x.png on HiDPI screens when loading NAME.png.
  for (const [size, suffix] of [
    [16, ''],
    [32, '@2x'],
  ] as const) {
    const file = join(folder, `${state}${suffix}.png`);
    writeFileSync(file, encodePng(size, size, circle(size, colour)));
    console.log(file);
  }
}
