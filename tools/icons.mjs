// Draws the app icons (PNG, no dependencies): two linked rings, for "chain of attribution".
// Run once: `node tools/icons.mjs`; the PNGs are committed under static/icons/.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const bg = [11, 92, 173], fg = [255, 255, 255], r0 = size * 0.2, w = size * 0.065;
  const rings = [[size * 0.4, size * 0.5], [size * 0.6, size * 0.5]];
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const i = y * (size * 4 + 1) + 1 + x * 4;
      // Rounded square background (radius 18%), then the rings.
      const rr = size * 0.18, cx = Math.min(Math.max(x, rr), size - rr), cy = Math.min(Math.max(y, rr), size - rr);
      const inside = Math.hypot(x - cx, y - cy) <= rr;
      const ring = rings.some(([rx, ry]) => Math.abs(Math.hypot(x - rx, y - ry) - r0) <= w / 2);
      const [r, g, b] = ring ? fg : bg;
      raw[i] = r; raw[i + 1] = g; raw[i + 2] = b; raw[i + 3] = inside ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
for (const s of [192, 512]) writeFileSync(`static/icons/icon-${s}.png`, png(s));
console.log('icons written');
