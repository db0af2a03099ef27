/**
 * The zod-free part of the IPC contract: push names and channel names. The sandboxed preload
 * may require only 'electron', so it imports this module rather than ipc-contract (which
 * builds zod schemas at import time).
 */

/** Main → renderer push names (their payload types are `Pushes` in ipc-contract). */
export const PUSH_NAMES = ['dashboard', 'event', 'bars', 'alert', 'navigate'] as const;
export type PushName = (typeof PUSH_NAMES)[number];

/** The IPC channel of a command or push (one namespace for the app). */
export const channelOf = (name: string): string => `axion:${name}`;

/** WebSocket path of the headless bridge; the token travels as the `token` query parameter. */
export const WS_PATH = '/bridge';
