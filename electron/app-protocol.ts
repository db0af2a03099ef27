import { readFile } from 'node:fs/promises';
import { protocol, type Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { resolveRendererFile } from './renderer-files';
import { APP_SCHEME } from './url-policy';

/**
 * Makes app:// a standard, secure scheme (an origin of its own, relative URLs, fetch and
 * module scripts work). Not CORS-enabled and not CSP-bypassing. Electron requires this
 * before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const plain = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });

/**
 * The answer to one app:// request: a file of the renderer folder with its MIME type and the
 * CSP, 403 for anything that would leave the folder, 404 for what is not there, 405 for
 * anything but GET and HEAD (the page has no reason to post to itself).
 */
export async function rendererResponse(
  request: Pick<Request, 'url' | 'method'>,
  rendererDir: string,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const target = resolveRendererFile(request.url, rendererDir);
  if (target.kind === 'refused') return plain(403, 'Forbidden');
  let body: Buffer;
  try {
    // Electron's fs reads inside app.asar transparently.
    body = await readFile(target.path);
  } catch {
    return plain(404, 'Not found'); // missing, a folder, or unreadable: never a listing
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': target.mimeType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

/** Serves the renderer folder on app:// in the window's session. */
export function serveRenderer(target: Pick<Protocol, 'handle'>, rendererDir: string): void {
  target.handle(APP_SCHEME, (request) => rendererResponse(request, rendererDir));
}
