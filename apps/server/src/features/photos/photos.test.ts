import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Account } from '@kontor/contract/accounts';
import { useHarness } from '../../test/harness.ts';
import { makeAccount, makeContact } from '../../test/factories.ts';

const { admin } = useHarness();

function multipart(content: Buffer, filename: string, type: string) {
  const boundary = '----kontortest';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (url: string, content: Buffer, filename = 'photo.png', type = 'image/png') =>
  admin.raw({ method: 'PUT', url, ...multipart(content, filename, type) });

/** A PNG whose header claims width x height, with a tiny zlib stream of zeros: a decompression bomb. */
function pngBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024 * 1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('photos and logos', () => {
  it('scales an upload to fit 200x300 keeping the aspect, serves it, and removes it', async () => {
    const a = await makeAccount(admin);
    const png = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#3366ff' } }).png().toBuffer();
    const res = await upload(`/api/v1/accounts/${a.id}/photo`, png);
    expect(res.statusCode).toBe(200);
    const withPhoto = res.json<Account>();
    expect(withPhoto.photoUrl).toMatch(new RegExp(`^/api/v1/accounts/${a.id}/photo\\?v=\\d+$`));
    expect(withPhoto.version).toBe(a.version + 1);
    const img = await admin.get(withPhoto.photoUrl ?? '');
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/webp');
    const meta = await sharp(img.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([200, 100]);

    const removed = await admin.delete(`/api/v1/accounts/${a.id}/photo`);
    expect(removed.json<Account>().photoUrl).toBeNull();
    expect((await admin.get(`/api/v1/accounts/${a.id}/photo`)).statusCode).toBe(404);
  });

  it('refuses files over 1 MB with 413 and keeps the old photo', async () => {
    const c = await makeContact(admin);
    const small = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#ff0000' } }).jpeg().toBuffer();
    const first = await upload(`/api/v1/contacts/${c.id}/photo`, small, 'a.jpg', 'image/jpeg');
    expect(first.statusCode).toBe(200);
    const big = Buffer.concat([small, Buffer.alloc(1024 * 1024 + 10)]);
    const res = await upload(`/api/v1/contacts/${c.id}/photo`, big, 'big.jpg', 'image/jpeg');
    expect(res.statusCode).toBe(413);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).json<{ photoUrl: string }>().photoUrl).toBe(first.json<{ photoUrl: string }>().photoUrl);
  });

  it.each([
    ['a text file named .png', Buffer.from('hello, I am not an image'), 'fake.png'],
    ['an SVG with script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.svg'],
    ['a truncated PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]), 'cut.png'],
    ['a decompression bomb (50000x50000 PNG)', pngBomb(50000, 50000), 'bomb.png'],
  ])('refuses %s with 400 and changes nothing', async (_l, content, name) => {
    const a = await makeAccount(admin);
    const res = await upload(`/api/v1/accounts/${a.id}/photo`, content, name);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_image');
    expect((await admin.get(`/api/v1/accounts/${a.id}`)).json<Account>()).toMatchObject({ photoUrl: null, version: a.version });
  });

  it('asks for multipart', async () => {
    const a = await makeAccount(admin);
    const res = await admin.put(`/api/v1/accounts/${a.id}/photo`, { file: 'x' });
    expect(res.statusCode).toBe(415);
  });
});
