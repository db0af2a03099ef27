/**
 * The renderer's policy, sent as a header on every app:// response. The renderer's index.html
 * carries the same policy as a meta tag (plus the WebSocket source the headless mode needs);
 * where both apply, the stricter wins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
