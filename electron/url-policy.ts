import { join } from 'node:path';

/** The privileged scheme the renderer is served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
/** The one host of that scheme: the page's origin is `app://axion`. */
export const APP_HOST = 'axion';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Where the built renderer lives and the URL the window loads it from. */
export interface RendererLocation {
  /** out/renderer: the only folder the app protocol serves files from. */
  dir: string;
  /** out/renderer/index.html on disk. */
  indexFile: string;
  /** app://axion/index.html: the page the window loads, the only one allowed to call the IPC bridge. */
  url: string;
}

export function rendererLocation(dir: string): RendererLocation {
  return { dir, indexFile: join(dir, 'index.html'), url: `${APP_ORIGIN}/index.html` };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const isOurOrigin = (url: URL): boolean => url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;

/**
 * True when `url` is our renderer page (hash and query ignored: the app routes by hash).
 * URLs are parsed, never compared by prefix (Electron security checklist).
 */
export function isRendererPage(url: string | null | undefined, rendererUrl: string): boolean {
  const candidate = url ? parse(url) : null;
  const expected = parse(rendererUrl);
  if (!candidate || !expected || !isOurOrigin(candidate) || !isOurOrigin(expected)) return false;
  return candidate.pathname === expected.pathname;
}

/** Schemes that never leave the machine: DevTools' own pages, inline data and blobs. */
const LOCAL_SCHEMES = new Set(['devtools:', 'data:', 'blob:']);

/**
 * The window's request filter: our app:// origin and local schemes only, so no remote content
 * loads and nothing is read through file:// (the app protocol confines files to out/renderer).
 */
export function isAllowedRequest(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  return LOCAL_SCHEMES.has(parsed.protocol) || isOurOrigin(parsed);
}
