import { EmptyState } from '../../components/panel';
import { useAppStore } from '../../store/context';
import { isUnreachable } from '../../store/types';

/**
 * What a tab shows before the first snapshot: why the bot cannot be reached, or that it is on
 * its way. `what` completes "… fill in as soon as the first snapshot arrives".
 */
export function TabWaiting({ testId, what }: { testId: string; what: string }) {
  const unreachable = useAppStore(isUnreachable);
  return (
    <div data-testid={testId}>
      {unreachable ? (
        <EmptyState title="Not connected to the bot">The message above says why and how to reconnect.</EmptyState>
      ) : (
        <EmptyState title="Waiting for the bot">{what} fill in as soon as the first snapshot arrives.</EmptyState>
      )}
    </div>
  );
}
