import type { CommandResult } from '../src-shared/command-result';
import type { CommandName, CommandRequest, CommandValues } from '../src-shared/ipc-contract';
import type { CommandSurface } from '../src-main/controller/command-surface';
import { dispatchCommand } from '../src-main/controller/dispatch';

/**
 * Runs a command raised in the main process (tray, hotkey) through the same validation as
 * IPC. It never throws: a refusal is logged and returned.
 */
export async function runFromMain<K extends CommandName>(
  controller: CommandSurface,
  name: K,
  request: CommandRequest<K>,
  origin: string,
): Promise<CommandResult<CommandValues[K]>> {
  // dispatchCommand answers with the value type of the command it ran, which is K's.
  const result = (await dispatchCommand(controller, name, request)) as CommandResult<CommandValues[K]>;
  if (!result.ok) console.error(`Axion (${origin}): ${name} failed: ${result.error.message}`);
  return result;
}

/** The kill switch as the tray and the hotkey pull it: in the main process, no renderer involved. */
export const killFromMain = (controller: CommandSurface, origin: string, flattenAll = false) =>
  runFromMain(controller, 'kill', { closeDayTrades: true, flattenAll }, origin);
