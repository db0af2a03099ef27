import type { ComponentType } from 'react';
import type { PnlPoint } from '../../src-shared/dashboard-data';

export interface PnlChartProps {
  points: readonly PnlPoint[];
}

/**
 * The chart components the app draws with, passed in from main.tsx. Tests pass light
 * stand-ins, since lightweight-charts needs a real canvas.
 */
export interface ChartKit {
  PnlChart: ComponentType<PnlChartProps>;
}
