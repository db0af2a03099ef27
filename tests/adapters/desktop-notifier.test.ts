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

/** A recording stand-in for node-notifier: keeps the options and answers as the platform would. */
class RecordingBackend {
  readonly calls: Array<Record<string, unknown>> = [];
  constructor(private readonly answer: { error?: Error; response?: string } = {}) {}
  notify(options: object, callback: (error: Error | null, response: string) => void): void {
    this.calls.push(options as Record<string, unknown>);
    queueMicrotask(() => callback(this.answer.error ?? null, this.answer.response ?? ''));
  }
}

const killAlert = {
  title: 'Axion · Kill switch activated',
  message: 'KILL SWITCH ACTIVATED',
  priority: 'critical',
  tab: 'command-center',
} as const;

describe('NodeDesktopNotifier click handling', () => {
  it.each(['darwin', 'win32'] as const)(
    'on %s waits for a click and hands the clicked notification, tab included, to onClick',
    async (platform) => {
      const clicked: unknown[] = [];
      const backend = new RecordingBackend({ response: 'activate' });
      const notifier = new NodeDesktopNotifier({ platform, backend, onClick: (n) => clicked.push(n) });

      expect(await notifier.notify(killAlert)).toEqual({ ok: true });

      expect(backend.calls[0]).toMatchObject({ wait: true, timeout: 20, urgency: 'critical' });
      expect(clicked).toEqual([killAlert]);
    },
  );

  it('does not call onClick when the notification was dismissed or timed out', async () => {
    const clicked: unknown[] = [];
    for (const response of ['timeout', 'dismissed', '']) {
      const backend = new RecordingBackend({ response });
      await new NodeDesktopNotifier({ platform: 'darwin', backend, onClick: (n) => clicked.push(n) }).notify(killAlert);
    }
    expect(clicked).toEqual([]);
  });

  it('on Linux does not wait: notify-send reports no clicks, so onClick is never called', async () => {
    const clicked: unknown[] = [];
    const backend = new RecordingBackend({ response: 'activate' });
    const notifier = new NodeDesktopNotifier({ platform: 'linux', backend, onClick: (n) => clicked.push(n) });

    expect(await notifier.notify(killAlert)).toEqual({ ok: true });

    expect(backend.calls[0]).toMatchObject({ wait: false });
    expect(backend.calls[0]).not.toHaveProperty('timeout');
    expect(clicked).toEqual([]);
  });

  it('without onClick never waits, on any platform', async () => {
    const backend = new RecordingBackend();
    await new NodeDesktopNotifier({ platform: 'darwin', backend }).notify(killAlert);
    expect(backend.calls[0]).toMatchObject({ wait: false });
  });

  it('reports a failure as a result and sends the icon and app name it was given', async () => {
    const backend = new RecordingBackend({ error: new Error('notify-send must be installed on the system.') });
    const notifier = new NodeDesktopNotifier({ appName: 'Axion', icon: '/opt/axion/icon.png', backend });

    expect(await notifier.notify(killAlert)).toEqual({
      ok: false,
      error: 'notify-send must be installed on the system.',
    });
    expect(backend.calls[0]).toMatchObject({ 'app-name': 'Axion', icon: '/opt/axion/icon.png' });
  });
});
