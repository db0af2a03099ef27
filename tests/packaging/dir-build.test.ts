import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStandInElectron } from './stand-in-electron';

// Packs a Linux `dir` build with `npm run dist`'s own script against a stand-in Electron
// (ELECTRON_DIST), so the file set is proven offline: electron-builder then downloads nothing
// for a dir target (no Electron zip, no AppImage/fpm tools). Installers (AppImage, deb, dmg,
// nsis) need those tools and a network, and are not built here.

const root = resolve(__dirname, '../..');
const built = ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'].every((f) =>
  existsSync(join(root, f)),
);
if (!built) console.log('Packaging test skipped: out/ is not built; run `npm run build` (npm test does) first.');
const onLinux = process.platform === 'linux';
if (!onLinux) console.log('Packaging test skipped: the Linux dir target is packed on Linux only.');

const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe.skipIf(!built || !onLinux)('npm run dist, Linux dir target, against a stand-in Electron', () => {
  const work = mkdtempSync(join(tmpdir(), 'axion-pack-'));
  const output = join(work, 'release');
  const app = join(output, 'linux-unpacked');
  let log = '';
  let files: string[] = [];

  beforeAll(() => {
    const dist = writeStandInElectron(join(work, 'electron-dist'), electronVersion);
    const run = spawnSync(
      process.execPath,
      [join(root, 'scripts/dist.mjs'), '--linux', 'dir', `-c.directories.output=${output}`],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          // electron-builder keeps quiet under VITEST; its log is what shows where Electron came from.
          ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
          ELECTRON_DIST: dist,
          // Any download attempt fails fast instead of reaching out.
          HTTPS_PROXY: 'http://127.0.0.1:9',
          HTTP_PROXY: 'http://127.0.0.1:9',
          ELECTRON_BUILDER_CACHE: join(work, 'cache'),
          ELECTRON_BUILDER_OFFLINE: 'true',
          CSC_IDENTITY_AUTO_DISCOVERY: 'false',
        },
        timeout: 110_000,
      },
    );
    log = `${run.stdout}\n${run.stderr}`;
    if (run.status !== 0) throw new Error(`electron-builder failed (${run.status}):\n${log}`);
    files = listPackage(join(app, 'resources/app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('used the stand-in Electron and downloaded nothing', () => {
    expect(log).toContain('using custom unpacked Electron distribution');
    expect(log).not.toMatch(/download(ing|ed)/i);
    expect(readFileSync(join(app, 'axion-bot-control-center'), 'utf8')).toContain('stand-in Electron');
  });

  it('packs the main process, preload, renderer and package.json into resources/app.asar', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        '/out/main/main.js',
        '/out/preload/preload.cjs',
        '/out/renderer/index.html',
        '/package.json',
      ]),
    );
    expect(files.some((f) => f.startsWith('/out/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('ships the SQL migrations beside the asar, in resources/migrations', () => {
    const migrations = join(app, 'resources/migrations');
    const sql = readdirSync(migrations).filter((f) => f.endsWith('.sql'));
    expect(sql.length).toBeGreaterThan(0);
    expect(sql).toEqual(readdirSync(join(root, 'migrations')).filter((f) => f.endsWith('.sql')));
    expect(existsSync(join(migrations, 'meta/_journal.json'))).toBe(true);
  });

  it("unpacks better-sqlite3's native module to app.asar.unpacked (a .node cannot load from inside an asar)", () => {
    const unpacked = join(app, 'resources/app.asar.unpacked/node_modules/better-sqlite3');
    const natives = readdirSync(unpacked, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.node'));
    expect(natives.length).toBeGreaterThan(0);
    expect(files).toContain('/node_modules/better-sqlite3/package.json');
  });

  it('flips the fuses in the packaged executable (read back from the stand-in fuse wire)', async () => {
    // The stand-in carries a real fuse wire, so what electron-builder wrote is readable; that
    // the real Electron honours the fuses is Electron's own promise, not testable on a fake.
    const wire = await getCurrentFuseWire(join(app, 'axion-bot-control-center'));
    const fuse = (option: FuseV1Options) => wire[option];

    expect(fuse(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(fuse(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(fuse(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(fuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(fuse(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
  });
});
