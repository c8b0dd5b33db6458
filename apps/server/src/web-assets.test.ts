import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './test/harness.ts';

// The web app's assets as the build leaves them (apps/web/precompress.ts): each with a .br and a .gz copy beside it.
describe('web app assets', () => {
  let h: Harness;
  let webDist: string;
  const script = `console.log(${JSON.stringify('Kontor '.repeat(400))});\n`;
  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'kontor-web-'));
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html>\n<html lang="en"><body><div id="root"></div></body></html>\n');
    const file = path.join(webDist, 'assets', 'index-abc123.js');
    fs.writeFileSync(file, script);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(script));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(script));
    fs.writeFileSync(path.join(webDist, 'robots.txt'), 'User-agent: *\n');
    h = await createHarness({ webDist });
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) => h.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends the compressed copy the browser takes, brotli first, and the plain file to one that takes none', async () => {
    const br = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await get('/assets/index-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(String(plain.headers['content-type'])).toContain('javascript');
  });

  it('lets the browser keep hashed assets for good, and revalidate everything else', async () => {
    expect((await get('/assets/index-abc123.js', 'br')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/robots.txt')).headers['cache-control']).toBe('no-cache');
  });
});
