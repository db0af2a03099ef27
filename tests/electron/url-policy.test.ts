import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isRendererPage, rendererLocation } from '../../electron/url-policy';

const renderer = rendererLocation('/opt/axion/out/renderer');

describe('rendererLocation', () => {
  it('names app://axion/index.html as the page and out/renderer as the only folder', () => {
    expect(renderer.url).toBe('app://axion/index.html');
    expect(renderer.indexFile).toMatch(/renderer[\\/]index\.html$/);
  });
});

describe('isRendererPage', () => {
  it.each(['app://axion/index.html', 'app://axion/index.html#/positions', 'app://axion/index.html?x=1'])(
    'accepts our page %s (hash and query ignored)',
    (url) => expect(isRendererPage(url, renderer.url)).toBe(true),
  );

  it.each([
    'app://axion/other.html',
    'app://axion/',
    'app://axion.evil/index.html',
    'app://evil/index.html',
    'app://axion:8080/index.html',
    'file:///opt/axion/out/renderer/index.html',
    'http://axion/index.html',
    'https://axion/index.html',
    'not a url',
    '',
    null,
    undefined,
  ])('refuses %s', (url) => expect(isRendererPage(url, renderer.url)).toBe(false));
});

describe('isAllowedRequest', () => {
  it.each([
    'app://axion/index.html',
    'app://axion/assets/x.js',
    'devtools://devtools/bundled/inspector.html',
    'data:image/png;base64,AA==',
    'blob:app://axion/1234',
  ])('lets %s load', (url) => expect(isAllowedRequest(url)).toBe(true));

  it.each([
    'file:///opt/axion/out/renderer/index.html',
    'file:///etc/passwd',
    'http://127.0.0.1:5173/',
    'http://localhost:5173/src/main.tsx',
    'https://cdn.example/lib.js',
    'ws://127.0.0.1:9000/',
    'app://other/index.html',
    'garbage',
  ])('blocks %s (no file://, no dev server, nothing remote)', (url) => expect(isAllowedRequest(url)).toBe(false));
});
