import type { CredentialStore } from './credential-store';
import type { Clock } from '../engine/ports';
import type { TabId } from '../../src-shared/tabs';
import type { CommandName, CommandPayload, CommandValues, PushName, Pushes } from '../../src-shared/ipc-contract';
import type { CommandResult } from '../../src-shared/command-result';

/** One push as it travels from the controller to every front end. */
export type PushMessage = { [P in PushName]: { push: P; payload: Pushes[P] } }[PushName];

export type PushListener = (message: PushMessage) => void;

/**
 * The one command surface behind every front end (Electron IPC, headless WebSocket, tray).
 * Payloads reach it already validated by the shared schemas (see `dispatchCommand`).
 */
export interface CommandSurface {
  execute<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<CommandResult<CommandValues[K]>>;
  /** Subscribes to pushes; returns the unsubscribe function. */
  subscribe(listener: PushListener): () => void;
}

/** Options of `createController` (src-main/controller/create-controller.ts). */
export interface ControllerOptions {
  /** Folder holding the SQLite file (axion.db). Created when missing. */
  dataDir: string;
  /** Optional config patch applied over the defaults at start-up (validated). */
  configPatch?: Record<string, unknown>;
  /** Simulated minutes per real second (overrides config.simulation.speed). */
  speed?: number;
  /** OS-native notifications for Push-channel alerts (default on). */
  notifications?: boolean;
  /** Where broker keys live: the OS keychain on the desktop; default the environment (headless). */
  credentials?: CredentialStore;
  /** A clicked OS notification (macOS, Windows): the shell shows the window on that tab. */
  onNotificationClick?: (tab: TabId) => void;
  /** Market time when the data is real (Alpaca): default the system clock. */
  realClock?: Clock;
  /** Environment for endpoint overrides and headless keys (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** A running controller as the shells (Electron main, headless serve) hold it. */
export interface ControllerHandle extends CommandSurface {
  /** Closes the session in the store, stops the engine loop, closes the database. */
  shutdown(): Promise<void>;
  /**
   * Settles when the start-up broker work is done (connect Alpaca, load its history,
   * reconcile); Start is refused until then. Settles at once in the simulated setup.
   */
  ready: Promise<void>;
}
