import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src-main/headless/serve-args';
import { defaultUserDataDir } from '../../src-main/headless/user-data-dir';

describe('serve command line', () => {
  it('defaults to a free port, the user-data folder and the saved speed', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, dataDir: null, speed: null, replay: [], config: null, help: false });
  });

  it('reads --port, --data-dir and --speed', () => {
    expect(parseServeArgs(['--port', '8080', '--data-dir', '/tmp/x', '--speed', '60'])).toEqual({
      port: 8080,
      dataDir: '/tmp/x',
      speed: 60,
      replay: [],
      config: null,
      help: false,
    });
    expect(parseServeArgs(['--config', 'bot.json']).config).toBe('bot.json');
    expect(parseServeArgs(['--replay', 'SPY.csv', '--replay', 'QQQ.csv']).replay).toEqual(['SPY.csv', 'QQQ.csv']);
  });

  it('refuses a bad port, a bad speed and unknown flags with a clear message', () => {
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(/--port must be an integer from 0 to 65535/);
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--speed=-1'])).toThrow(/--speed must be a positive number/);
    expect(() => parseServeArgs(['--speed', 'fast'])).toThrow(/--speed must be a positive number/);
    expect(() => parseServeArgs(['--host', '0.0.0.0'])).toThrow(/--host/);
    expect(() => parseServeArgs(['--config', ' '])).toThrow(/--config must name a JSON file/);
  });

  it('shares the desktop app’s user-data folder on each platform', () => {
    expect(defaultUserDataDir('linux', {}, '/home/t')).toBe('/home/t/.config/Axion Bot Control Center');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/t')).toBe('/cfg/Axion Bot Control Center');
    expect(defaultUserDataDir('darwin', {}, '/Users/t')).toBe(
      '/Users/t/Library/Application Support/Axion Bot Control Center',
    );
  });
});
