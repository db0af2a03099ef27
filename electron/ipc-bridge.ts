import { ipcMain as electronIpcMain, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_NAMES, channelOf } from '../src-shared/ipc-contract';
import { fail } from '../src-shared/command-result';
import type { CommandSurface } from '../src-main/controller/command-surface';
import { dispatchCommand } from '../src-main/controller/dispatch';
import { isRendererPage } from './url-policy';

/** The part of an invoke event the sender check reads. */
export type InvokeEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** The part of `ipcMain` the bridge uses (the real one fits; tests pass a recording fake). */
export interface IpcHandleRegistry {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The part of the window the bridge uses. */
export interface BridgeWindow {
  isDestroyed(): boolean;
  readonly webContents: { send(channel: string, payload: unknown): void; isDestroyed(): boolean };
}

export interface IpcBridgeOptions {
  /** Electron's ipcMain unless given (tests pass a recording fake). */
  ipcMain?: IpcHandleRegistry;
  controller: CommandSurface;
  /** Our one window: only its top frame, showing our renderer page, may call commands. */
  window: BridgeWindow;
  /** The file URL of the renderer's index.html. */
  rendererUrl: string;
}

/**
 * The only place that touches ipcMain: one `handle` per command, each checking its sender
 * before the shared schemas validate the payload (`dispatchCommand`), and controller pushes
 * forwarded to the window. Returns the function that removes all of it.
 */
export function registerIpcBridge({
  ipcMain = electronIpcMain,
  controller,
  window,
  rendererUrl,
}: IpcBridgeOptions): () => void {
  const isOurRenderer = (event: InvokeEvent): boolean => {
    try {
      const frame = event.senderFrame;
      return (
        !window.isDestroyed() &&
        event.sender === window.webContents &&
        frame !== null &&
        frame.parent === null &&
        isRendererPage(frame.url, rendererUrl)
      );
    } catch {
      return false; // a frame disposed mid-call throws on access
    }
  };

  for (const name of COMMAND_NAMES) {
    ipcMain.handle(channelOf(name), async (event, payload) => {
      if (!isOurRenderer(event)) return fail('unauthorized', `${name} refused: the caller is not the Axion window`);
      return dispatchCommand(controller, name, payload);
    });
  }

  const unsubscribe = controller.subscribe(({ push, payload }) => {
    if (window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(channelOf(push), payload);
  });

  return () => {
    unsubscribe();
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}
