import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './url-policy';

/** How an app:// URL maps onto the renderer folder; decided without touching the disk. */
export type RendererFileTarget =
  | { kind: 'file'; path: string; mimeType: string }
  /** Another host, a malformed escape or a path leaving the renderer folder. */
  | { kind: 'refused'; reason: string };

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wasm': 'application/wasm',
};

/** The Content-Type of a file by its extension; unknown kinds are opaque bytes, never sniffed. */
export const mimeTypeOf = (path: string): string =>
  MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

const refused = (reason: string): RendererFileTarget => ({ kind: 'refused', reason });

/**
 * Resolves `app://axion/<path>` to a file inside `rendererDir`. The root is index.html. Every
 * segment is decoded before it is judged, so `..`, `%2e%2e`, `%2f` and backslashes cannot climb
 * out; whether the file exists is for the caller to find out (a missing one is a 404).
 */
export function resolveRendererFile(url: string, rendererDir: string): RendererFileTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refused('not a URL');
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return refused('not our origin');
  let segments: string[];
  try {
    segments = parsed.pathname.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return refused('malformed escape');
  }
  if (segments.some((s) => s === '..' || s === '.' || /[\\/\0:]/.test(s))) return refused('path traversal');
  const parts = segments.filter((s) => s !== '');
  if (parts.length === 0) parts.push('index.html');
  const root = resolve(rendererDir);
  const path = resolve(root, ...parts);
  const inside = relative(root, path);
  if (inside === '' || inside.split(sep)[0] === '..' || isAbsolute(inside)) return refused('path traversal');
  return { kind: 'file', path, mimeType: mimeTypeOf(path) };
}
