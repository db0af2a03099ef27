import { useEffect } from 'react';
import { useAppStore } from '../store/context';
import { shortcutFor } from './shortcuts';

/** The open modal dialog, if any (the kill confirmation, the config diff, the live-mode dialog…). */
const openModal = (): HTMLElement | null => document.querySelector<HTMLElement>('[role="dialog"][aria-modal="true"]');

/**
 * Installs the dashboard's keyboard shortcuts (renders nothing). Runs after React's own key
 * handlers, so a dialog that handled a key (Escape in a modal) is left alone.
 */
export function KeyboardShortcuts() {
  const setActiveTab = useAppStore((s) => s.setActiveTab);
  const openKillConfirm = useAppStore((s) => s.openKillConfirm);
  const setEventLogOpen = useAppStore((s) => s.setEventLogOpen);
  const killed = useAppStore((s) => s.dashboard?.state.status === 'killed');
  const eventLogOpen = useAppStore((s) => s.eventLogOpen);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor(event);
      if (!action) return;
      const modal = openModal();
      switch (action.kind) {
        case 'tab':
          if (modal) return; // no switching behind a dialog
          event.preventDefault();
          setActiveTab(action.tab);
          return;
        case 'kill':
          event.preventDefault();
          if (!killed && !modal) openKillConfirm();
          return;
        case 'escape':
          if (modal && !modal.contains(event.target as Node)) {
            // Focus left the dialog (a click on its text): hand it the Escape it would have had.
            event.preventDefault();
            modal.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
          } else if (!modal && eventLogOpen) {
            event.preventDefault();
            setEventLogOpen(false);
          }
          return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setActiveTab, openKillConfirm, setEventLogOpen, killed, eventLogOpen]);

  return null;
}
