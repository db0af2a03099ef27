import type { SetState, UiSlice } from './types';

/** Older toasts give way beyond this many. */
export const MAX_TOASTS = 5;

export const createUiSlice = (set: SetState): UiSlice => {
  let nextToastId = 1;
  return {
    activeTab: 'command-center',
    toasts: [],
    setActiveTab: (activeTab) => set({ activeTab }),
    pushToast: (toast) => {
      const id = nextToastId++;
      set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
      return id;
    },
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  };
};
