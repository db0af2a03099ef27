import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { App } from '../../../src-renderer/app';
import type { PnlChartProps } from '../../../src-renderer/charts/types';
import { createAppStore } from '../../../src-renderer/store/app-store';
import type { BotApi } from '../../../src-shared/ipc-contract';

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

/** Stands in for the canvas chart (lightweight-charts cannot draw in jsdom). */
export function StubPnlChart({ points }: PnlChartProps) {
  return <div data-testid="pnl-chart-stub">{points.length} points</div>;
}

/** Renders the whole dashboard over a fresh store; the chart is the stub above. */
export function renderApp(api: BotApi) {
  const store = createAppStore(api);
  const view = render(<App store={store} charts={{ PnlChart: StubPnlChart }} />);
  return { store, ...view };
}
