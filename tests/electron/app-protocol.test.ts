import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { rendererResponse, serveRenderer } from '../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/content-security-policy';
import { mimeTypeOf, resolveRendererFile } from '../../electron/renderer-files';
import { FakeProtocol } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const dir = resolve('/opt/axion/out/renderer');

describe('resolveRendererFile', () => {
  it.each([
    ['app://axion/index.html', 'index.html'],
    ['app://axion/', 'index.html'],
    ['app://axion', 'index.html'],
    ['app://axion/index.html?x=1#/positions', 'index.html'],
    ['app://axion/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://axion/assets/a%20b.css', 'assets/a b.css'],
    ['app://axion//assets//x.js', 'assets/x.js'],
  ])('maps %s to %s inside the renderer folder', (url, file) => {
    expect(resolveRendererFile(url, dir)).toMatchObject({ kind: 'file', path: join(dir, file) });
  });

  it.each([
    'app://axion/../main/main.js',
    'app://axion/assets/../../main/main.js',
    'app://axion/%2e%2e/main/main.js',
    'app://axion/%2E%2E/%2E%2E/etc/passwd',
    'app://axion/..%2fmain%2fmain.js',
    'app://axion/..%2Fmain%2Fmain.js',
    'app://axion/..%5cmain%5cmain.js',
    'app://axion/assets%2f..%2f..%2fmain.js',
    'app://axion/%252e%252e/main.js',
    'app://axion/C:%5cWindows%5cwin.ini',
    'app://axion/index.html%00.js',
    'app://axion/%E0%A4%A',
  ])('refuses %s: nothing outside the renderer folder is reachable', (url) => {
    const target = resolveRendererFile(url, dir);
    if (target.kind === 'file')
      expect(target.path.startsWith(`${dir}/`) || target.path.startsWith(`${dir}\\`)).toBe(true);
    else expect(target.kind).toBe('refused');
  });

  it.each([
    'app://evil/index.html',
    'file:///opt/axion/out/renderer/index.html',
    'https://axion/index.html',
    'nonsense',
  ])('refuses %s: another origin', (url) =>
    expect(resolveRendererFile(url, dir)).toEqual({ kind: 'refused', reason: expect.any(String) }),
  );

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.PNG', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['a.wav', 'audio/wav'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.unknown', 'application/octet-stream'],
    ['LICENSE', 'application/octet-stream'],
  ])('gives %s the type %s', (file, type) => expect(mimeTypeOf(file)).toBe(type));
});

describe('the app:// handler on a real renderer folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'axion-app-protocol-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Axion</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  const protocol = new FakeProtocol();
  serveRenderer(protocol, renderer);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('answers index.html with its bytes, its MIME type and the CSP', async () => {
    const response = await protocol.fetch('app://axion/index.html');

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>Axion</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('falls back to index.html at the root', async () => {
    const response = await protocol.fetch('app://axion/');
    expect(await response.text()).toContain('<title>Axion</title>');
  });

  it('serves scripts as JavaScript (module scripts need the type)', async () => {
    const response = await protocol.fetch('app://axion/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each(['app://axion/missing.js', 'app://axion/assets', 'app://axion/assets/'])(
    'answers 404 for %s (missing file or folder, never a listing)',
    async (url) => {
      const response = await protocol.fetch(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it.each(['app://axion/..%2fsecret.txt', 'app://axion/assets/..%5c..%5csecret.txt'])(
    'answers 403 for the encoded traversal %s and reads nothing outside',
    async (url) => {
      const response = await protocol.fetch(url);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('outside');
    },
  );

  it.each([
    'app://axion/../secret.txt',
    'app://axion/%2e%2e/secret.txt',
    'app://axion/assets/%2E%2E/%2E%2E/secret.txt',
    'app://axion/%252e%252e/secret.txt',
  ])('reads nothing outside for %s (dot segments are folded away or stay a literal name: 404 inside)', async (url) => {
    const response = await protocol.fetch(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await rendererResponse({ url: 'app://axion/index.html', method: 'HEAD' }, renderer);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');

    const post = await protocol.fetch('app://axion/index.html', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
  });
});
