import { randomBytes } from 'node:crypto';

/** A session id like `S20261124-093000-a1b2c3`: sortable by start time, unique per run. */
export function newSessionId(startedAt: number): string {
  const iso = new Date(startedAt).toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `S${stamp}-${randomBytes(3).toString('hex')}`;
}
