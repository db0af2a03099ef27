import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where the built renderer lives, relative to the built main process (out/main). */
export interface RendererLocation {
  /** out/renderer: the only folder the window may load files from. */
  dir: string;
  /** out/renderer/index.html, handed to `loadFile`. */
  indexFile: string;
  /** The file URL of index.html: the only page allowed to call the IPC bridge. */
  url: string;
}

export function rendererLocation(dir: string): RendererLocation {
  const indexFile = join(dir, 'index.html');
  return { dir, indexFile, url: pathToFileURL(indexFile).href };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

// Windows file URLs may differ in drive-letter case between Chromium and Node.
const samePath = (a: string, b: string): boolean =>
  process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;

/**
 * True when `url` is our renderer page (hash and query ignored: the app routes by hash).
 * URLs are parsed, never compared by prefix (Electron security checklist).
 */
export function isRendererPage(url: string | null | undefined, rendererUrl: string): boolean {
  const candidate = url ? parse(url) : null;
  const expected = parse(rendererUrl);
  if (!candidate || !expected || candidate.protocol !== 'file:' || expected.protocol !== 'file:') return false;
  return candidate.host === expected.host && samePath(decodeURI(candidate.pathname), decodeURI(expected.pathname));
}

/** Schemes that never leave the machine: DevTools' own pages, inline data and blobs. */
const LOCAL_SCHEMES = new Set(['devtools:', 'data:', 'blob:']);

/**
 * The window's request filter: files inside the renderer folder and local schemes only, so
 * no remote content loads and the page cannot read other files through file://.
 */
export function isAllowedRequest(url: string, rendererDir: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  let inside: string;
  try {
    inside = relative(rendererDir, fileURLToPath(parsed));
  } catch {
    return false; // e.g. an encoded path separator
  }
  return inside !== '' && inside.split(sep)[0] !== '..' && !isAbsolute(inside);
}
