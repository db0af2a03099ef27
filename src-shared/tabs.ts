/** The six tabs of the command center, in the order of the tab bar (keys 1–6). */
export const TAB_IDS = [
  'command-center',
  'positions',
  'signals',
  'cloud-charts',
  'performance',
  'configuration',
] as const;
export type TabId = (typeof TAB_IDS)[number];
