import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDesktopNotifier } from '../../src-main/adapters/desktop-notifier';

// node-notifier runs `notify-send` on Linux. A shim of that name on PATH stands in for the
// desktop's notification daemon and records the arguments it is given: the real node-notifier
// code path runs, and so does a real process spawn.
describe.skipIf(process.platform !== 'linux')('NodeDesktopNotifier on Linux (notify-send shim)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'axion-notify-'));
  const log = join(dir, 'calls.log');
  const path = process.env.PATH;

  beforeAll(() => {
    const shim = join(dir, 'notify-send');
    writeFileSync(
      shim,
      `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a" >> "${log}"; done\nprintf '%s\\n' '--' >> "${log}"\n`,
    );
    chmodSync(shim, 0o755);
    process.env.PATH = `${dir}:${path}`;
  });
  afterAll(() => {
    process.env.PATH = path;
  });

  it('sends a critical notification with its title, message and urgency', async () => {
    const r = await new NodeDesktopNotifier().notify({
      title: 'Axion · Kill switch activated',
      message: 'KILL SWITCH ACTIVATED: new entries blocked',
      priority: 'critical',
    });
    expect(r).toEqual({ ok: true });
    const args = readFileSync(log, 'utf8').split('\n');
    expect(args).toContain('Axion · Kill switch activated');
    expect(args).toContain('KILL SWITCH ACTIVATED: new entries blocked');
    expect(args.join(' ')).toMatch(/--urgency[ =]?"?critical/);
    expect(args.join(' ')).toMatch(/--app-name[ =]?"?Axion Bot Control Center/);
  });
});
