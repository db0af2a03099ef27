import { z } from 'zod';
import type { CommandName, CommandValues, PushName, Pushes } from './ipc-contract';
import type { CommandResult } from './command-result';

/** Client → server frame of the headless WebSocket bridge. */
export const clientFrameSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  command: z.string().min(1).max(64),
  payload: z.unknown().optional(),
});
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Server → client frames: a reply to a command, or a push. */
export type ServerFrame =
  | { kind: 'reply'; id: number; result: CommandResult<CommandValues[CommandName]> }
  | { [P in PushName]: { kind: 'push'; push: P; payload: Pushes[P] } }[PushName];

export { WS_PATH } from './ipc-names';
