import { useCallback, useEffect, useRef } from 'react';
import type { BotState } from '../../../src-shared/bot-state';
import type { CommandResult } from '../../../src-shared/command-result';
import type { CommandRequest } from '../../../src-shared/ipc-contract';
import { useAppStore } from '../../store/context';

/** The manual overrides of the Positions tab. */
export type OverrideName = 'closePosition' | 'adjustStop' | 'addToPosition';

export type SendOverride = <K extends OverrideName>(
  name: K,
  request: CommandRequest<K>,
) => Promise<CommandResult<BotState>>;

/**
 * Sends a manual override and hands the answer back to the row that asked, which shows a
 * refusal (the risk gate's reason included) inline rather than as a toast. An accepted
 * override's state is applied unless a newer snapshot arrived meanwhile.
 *
 * The store has no slice for these three commands yet; its `query` sends any command by name
 * (it calls `api[name]`) and never throws, so the overrides go through it under their own
 * types. A dedicated store method should replace this cast.
 */
export function usePositionCommands(): SendOverride {
  const query = useAppStore((s) => s.query);
  const applyState = useAppStore((s) => s.applyState);
  const version = useAppStore((s) => s.dashboardVersion);
  const latest = useRef(version);
  useEffect(() => {
    latest.current = version;
  }, [version]);

  return useCallback(
    async (name, request) => {
      const send = query as unknown as SendOverride;
      const sentAt = latest.current;
      const result = await send(name, request);
      if (result.ok && latest.current === sentAt) applyState(result.value);
      return result;
    },
    [query, applyState],
  ) as SendOverride;
}
