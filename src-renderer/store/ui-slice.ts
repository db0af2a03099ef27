import type { GetState, SetState, UiSlice } from './types';

/** Older toasts give way beyond this many (more would cover the charts; the event log keeps all). */
export const MAX_TOASTS = 3;

export const createUiSlice = (set: SetState, get: GetState): UiSlice => {
  let nextToastId = 1;
  return {
    activeTab: 'command-center',
    toasts: [],
    killConfirmOpen: false,
    eventLogOpen: false,
    setActiveTab: (activeTab) => set({ activeTab }),
    pushToast: (toast) => {
      // The same news can arrive twice (an alert and the event it was raised for): show it once.
      const shown = get().toasts.find(
        (t) => t.tone === toast.tone && t.title === toast.title && t.message === toast.message,
      );
      if (shown) return shown.id;
      const id = nextToastId++;
      set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
      return id;
    },
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    openKillConfirm: () => set({ killConfirmOpen: true }),
    closeKillConfirm: () => set({ killConfirmOpen: false }),
    setEventLogOpen: (eventLogOpen) => set({ eventLogOpen }),
  };
};
