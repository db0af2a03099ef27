import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

const config = () => getConfig(root, resolve(root, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(await config(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets the security fuses: no run-as-node, NODE_OPTIONS or --inspect; asar only, integrity on', async () => {
    expect((await config()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the build into app.asar, unpacks the native SQLite module, ships the migrations', async () => {
    const c = await config();
    expect(c.asar).toBe(true);
    expect(c.files).toEqual([{ filter: expect.arrayContaining(['out/**', 'package.json', '!**/*.map']) }]);
    expect(c.asarUnpack).toEqual(['node_modules/better-sqlite3/**']);
    expect(c.extraResources).toEqual([{ from: 'migrations', to: 'migrations', filter: ['**/*'] }]);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows, each with the icon', async () => {
    const c = await config();
    expect(c.linux).toMatchObject({ target: ['AppImage', 'deb'], icon: 'build/icon.png', category: 'Finance' });
    expect(c.mac).toMatchObject({ target: ['dmg'], icon: 'build/icon.png' });
    expect(c.win).toMatchObject({ target: ['nsis'], icon: 'build/icon.png' });
    expect(c).toMatchObject({ appId: 'com.axion.botcontrolcenter', productName: 'Axion Bot Control Center' });
  });

  it('has a 512×512 PNG icon, the size every installer format can be made from', () => {
    const icon = resolve(root, 'build/icon.png');
    expect(existsSync(icon)).toBe(true);
    const png = readFileSync(icon);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
