import type { CommandResult } from '../../src-shared/command-result';
import { errorMessage } from '../../src-shared/error-message';

/** Runs a command; a transport that throws (link down mid-call) becomes an 'internal' error result. */
export async function safeCall<T>(send: () => Promise<CommandResult<T>>): Promise<CommandResult<T>> {
  try {
    return await send();
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: errorMessage(error) } };
  }
}
