import { describe, expect, it } from 'vitest';
import { AppStateRepo, openStore } from '../../src-main/store';
import { closeAfterTest, tempDir, tempStore } from './temp-store';

describe('AppStateRepo', () => {
  it('returns null for a key never set', () => {
    expect(tempStore().appState.get('kill')).toBeNull();
  });

  it('round-trips JSON values and replaces them on a second set', () => {
    const { appState } = tempStore();
    appState.set('kill', { active: true, reason: 'kill switch', at: 1 });
    expect(appState.get('kill')).toEqual({ active: true, reason: 'kill switch', at: 1 });
    appState.set('kill', { active: false, reason: 'reset', at: 2 });
    expect(appState.get('kill')).toEqual({ active: false, reason: 'reset', at: 2 });
    appState.set('n', 0);
    appState.set('flag', false);
    expect(appState.get('n')).toBe(0);
    expect(appState.get('flag')).toBe(false);
  });

  it('stamps updated_at from its clock', () => {
    const store = tempStore();
    const repo = new AppStateRepo(store.database.db, () => 1234);
    repo.set('k', 'v');
    expect(store.database.sqlite.prepare("SELECT updated_at FROM app_state WHERE key = 'k'").pluck().get()).toBe(1234);
  });

  it('refuses undefined, which JSON cannot hold', () => {
    expect(() => tempStore().appState.set('k', undefined)).toThrow(TypeError);
  });

  it('deletes a key', () => {
    const { appState } = tempStore();
    appState.set('k', 1);
    expect(appState.delete('k')).toBe(true);
    expect(appState.get('k')).toBeNull();
    expect(appState.delete('k')).toBe(false);
  });

  it('reads an unreadable value as null', () => {
    const store = tempStore();
    store.database.sqlite.prepare("INSERT INTO app_state (key, value_json, updated_at) VALUES ('k', '{bad', 1)").run();
    expect(store.appState.get('k')).toBeNull();
  });

  it('keeps the kill state when the file is reopened', () => {
    const dir = tempDir();
    const first = openStore(dir);
    first.appState.set('kill', { active: true });
    first.close();
    expect(closeAfterTest(openStore(dir)).appState.get('kill')).toEqual({ active: true });
  });

  it('makes a set visible to a second connection as soon as it returns', () => {
    const dir = tempDir();
    const writer = tempStore(dir);
    const reader = tempStore(dir);
    writer.appState.set('kill', { active: true });
    expect(reader.appState.get('kill')).toEqual({ active: true });
  });
});
