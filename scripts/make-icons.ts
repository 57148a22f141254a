// Draws the Teams app icons (a shield with a tick) and writes them as PNGs with nothing but Node:
//   appPackage/color.png   192x192, white shield on the school's accent colour
//   appPackage/outline.png  32x32, white shield on a transparent background (Teams' rule for outlines)
// Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed, so this only runs when the design changes.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

type Rgba = readonly [number, number, number, number];
const ACCENT: Rgba = [0x4b, 0x53, 0xbc, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const SUBSAMPLES = 4; // 4x4 samples a pixel, for smooth edges

/** Is the point (u, v), both 0..1 across the icon, inside the shield? */
function inShield(u: number, v: number): boolean {
  const top = 0.14;
  const shoulder = 0.52;
  const tip = 0.9;
  const halfWidth = 0.3;
  if (v < top || v > tip) return false;
  const dx = Math.abs(u - 0.5);
  if (v <= shoulder) return dx <= halfWidth;
  const t = (v - shoulder) / (tip - shoulder);
  return dx <= halfWidth * (1 - t * t);
}

/** Is the point on the tick mark cut out of the shield? */
function onTick(u: number, v: number): boolean {
  const points: [number, number][] = [[0.36, 0.5], [0.47, 0.62], [0.66, 0.38]];
  const thickness = 0.05;
  for (let i = 0; i + 1 < points.length; i++) {
    const [ax, ay] = points[i] as [number, number];
    const [bx, by] = points[i + 1] as [number, number];
    const t = Math.max(0, Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    if (Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay))) <= thickness) return true;
  }
  return false;
}

/** Share of a pixel's samples covered by the white mark. */
function markCoverage(x: number, y: number, size: number): number {
  let covered = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      const u = (x + (sx + 0.5) / SUBSAMPLES) / size;
      const v = (y + (sy + 0.5) / SUBSAMPLES) / size;
      if (inShield(u, v) && !onTick(u, v)) covered++;
    }
  }
  return covered / SUBSAMPLES ** 2;
}

function blend(over: Rgba, under: Rgba, share: number): Rgba {
  if (under[3] === 0) return [over[0], over[1], over[2], Math.round(over[3] * share)];
  const mix = (i: number): number => Math.round(over[i]! * share + under[i]! * (1 - share));
  return [mix(0), mix(1), mix(2), 255];
}

function drawIcon(size: number, background: Rgba): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      pixels.set(blend(WHITE, background, markCoverage(x, y, size)), (y * size + x) * 4);
    }
  }
  return encodePng(size, size, pixels);
}

/** A truecolour-with-alpha PNG: signature, IHDR, one IDAT (filter 0 on every row), IEND. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const outDir = path.resolve("appPackage");
fs.writeFileSync(path.join(outDir, "color.png"), drawIcon(192, ACCENT));
fs.writeFileSync(path.join(outDir, "outline.png"), drawIcon(32, CLEAR));
console.info(`Wrote ${outDir}/color.png (192x192) and ${outDir}/outline.png (32x32)`);
