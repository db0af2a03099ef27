import { commandSchemas, type CommandName, type CommandValues } from '../../src-shared/ipc-contract';
import { fail, type CommandResult } from '../../src-shared/command-result';
import { toFieldIssues } from '../../src-shared/config-patch';
import type { CommandSurface } from './command-surface';
import { errorMessage } from '../../src-shared/error-message';

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commandSchemas, name);
}

/**
 * Validates an untrusted command name and payload with the shared schemas, then runs it.
 * Both bridges call this; an unknown command or a bad payload is refused with a typed
 * error and reaches nothing.
 */
export async function dispatchCommand(
  surface: CommandSurface,
  name: unknown,
  payload: unknown,
): Promise<CommandResult<CommandValues[CommandName]>> {
  if (!isCommandName(name)) return fail('unknown_command', `unknown command: ${String(name).slice(0, 64)}`);
  const parsed = commandSchemas[name].safeParse(payload ?? undefined);
  if (!parsed.success) {
    return fail('invalid_payload', `invalid payload for ${name}`, toFieldIssues(parsed.error));
  }
  try {
    // The schema map and the surface share their keys, so this cast only widens.
    return await surface.execute(name, parsed.data as never);
  } catch (error) {
    return fail('internal', `${name} failed: ${errorMessage(error)}`);
  }
}
