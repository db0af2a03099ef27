import type { CommandResult } from '../../src-shared/command-result';

/** Runs a command; a transport that throws (link down mid-call) becomes an 'internal' error result. */
export async function safeCall<T>(send: () => Promise<CommandResult<T>>): Promise<CommandResult<T>> {
  try {
    return await send();
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}
