import type { BotApi } from '../src-shared/ipc-contract';

declare global {
  interface Window {
    /** The Electron preload's typed bridge; absent in a plain browser (headless `serve`). */
    axion?: BotApi;
  }
}
