import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControllerHandle } from '../../src-main/controller/command-surface';
import { createController } from '../../src-main/controller/create-controller';
import { dispatchCommand } from '../../src-main/controller/dispatch';
import type { BotState } from '../../src-shared/bot-state';
import type { BotEvent } from '../../src-shared/events';

const open: ControllerHandle[] = [];
const dirs: string[] = [];

/** A fresh data folder under the OS temp dir, removed by `closeControllers`. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'axion-electron-'));
  dirs.push(dir);
  return dir;
}

/** The real controller (SQLite store, simulated feed, paper broker) on a data folder. */
export function realController(dataDir = tempDataDir()): ControllerHandle {
  const controller = createController({ dataDir });
  open.push(controller);
  return controller;
}

/** Shuts every controller down, then removes the data folders; call it in afterEach. */
export async function closeControllers(): Promise<void> {
  for (const controller of open.splice(0)) await controller.shutdown();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Reads the controller's state the way a front end does. */
export async function stateOf(controller: ControllerHandle): Promise<BotState> {
  const result = await dispatchCommand(controller, 'getState', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as BotState;
}

/** Reads back stored events, newest first. */
export async function eventsOf(controller: ControllerHandle, query: Record<string, unknown> = {}): Promise<BotEvent[]> {
  const result = await dispatchCommand(controller, 'queryEvents', { limit: 5000, ...query });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as BotEvent[];
}
