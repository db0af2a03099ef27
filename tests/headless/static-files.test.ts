import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticHandler } from '../../src-main/headless/static-files';
import { tempDir } from '../store/temp-store';

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serveDir(dir: string): Promise<number> {
  server = createServer(createStaticHandler(dir));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** A raw GET, so paths like /../ reach the server unnormalised. */
function get(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static renderer files', () => {
  it('serves index.html at / with the CSP and nosniff headers', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.html'), '<div id="root"></div>');
    const port = await serveDir(dir);
    const res = await get(port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toBe('<div id="root"></div>');
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(String(res.headers['content-security-policy'])).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their content type', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const port = await serveDir(dir);
    const res = await get(port, '/assets/app.js?v=1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/javascript/);
  });

  it('never serves a file outside its folder', async () => {
    const root = tempDir();
    const dir = join(root, 'public');
    mkdirSync(dir);
    writeFileSync(join(root, 'secret.txt'), 'secret');
    const port = await serveDir(dir);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const res = await get(port, path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });
});
