import { useAppStore } from '../store/context';
import { KillDialog } from './kill-dialog';

/** The kill confirmation opened by the keyboard shortcut: the same dialog and command as the KILL button. */
export function KillShortcutDialog() {
  const open = useAppStore((s) => s.killConfirmOpen);
  const close = useAppStore((s) => s.closeKillConfirm);
  const kill = useAppStore((s) => s.kill);
  if (!open) return null;
  return (
    <KillDialog
      onCancel={close}
      onConfirm={(closeDayTrades) => {
        close();
        void kill(closeDayTrades);
      }}
    />
  );
}
