// Draws Berth's app icon (512×512 PNG: a rounded square with stacked containers) using only node:zlib.
// Run: npx tsx scripts/make-app-icon.ts [out.png]   (default build/icon.png; electron-builder makes icns/ico from it)
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** Edge length in pixels; electron-builder wants at least 512 for macOS. */
const SIZE = 512;

type Rgb = readonly [number, number, number];

interface Box {
  /** Centre and half-extents, in pixels. */
  cx: number;
  cy: number;
  hw: number;
  hh: number;
  /** Corner radius, in pixels. */
  r: number;
}

const tile: Box = { cx: 256, cy: 256, hw: 232, hh: 232, r: 104 };
const top: Rgb = [56, 132, 224];
const bottom: Rgb = [24, 74, 160];
const white: Rgb = [255, 255, 255];
/** Three containers stacked on a quay: two side by side, one on top, and the quay's edge. */
const marks: Box[] = [
  { cx: 196, cy: 300, hw: 56, hh: 36, r: 10 },
  { cx: 316, cy: 300, hw: 56, hh: 36, r: 10 },
  { cx: 256, cy: 212, hw: 56, hh: 36, r: 10 },
  { cx: 256, cy: 372, hw: 150, hh: 10, r: 10 },
];

/** Signed distance from (x, y) to a rounded box: negative inside. */
function distance(x: number, y: number, b: Box): number {
  const qx = Math.abs(x - b.cx) - b.hw + b.r;
  const qy = Math.abs(y - b.cy) - b.hh + b.r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - b.r;
}

/** Coverage of a pixel centred at distance d from an edge (one pixel of anti-aliasing). */
function coverage(d: number): number {
  return Math.min(1, Math.max(0, 0.5 - d));
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Raw scanlines: a filter byte (0, none) then RGBA for each pixel. */
function pixels(): Buffer {
  const stride = 1 + SIZE * 4;
  const raw = Buffer.alloc(SIZE * stride);
  for (let y = 0; y < SIZE; y++) {
    const background = mix(top, bottom, y / (SIZE - 1));
    for (let x = 0; x < SIZE; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const alpha = coverage(distance(px, py, tile));
      const ink = Math.max(...marks.map((m) => coverage(distance(px, py, m))));
      const [r, g, b] = mix(background, white, ink);
      raw.set([Math.round(r), Math.round(g), Math.round(b), Math.round(alpha * 255)], y * stride + 1 + x * 4);
    }
  }
  return raw;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file: 8-bit RGBA, no interlace. */
function renderIcon(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = resolve(process.argv[2] ?? 'build/icon.png');
writeFileSync(out, renderIcon());
console.log(`wrote ${out} (${SIZE}×${SIZE})`);
