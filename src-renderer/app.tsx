import { lazy, Suspense } from 'react';
import { ConnectionBanner } from './components/connection-banner';
import { Header } from './components/header';
import { KillBanner } from './components/kill-banner';
import { ReconciliationBanner } from './components/reconciliation-banner';
import { KillShortcutDialog } from './components/kill-shortcut-dialog';
import { KpiStrip } from './components/kpi-strip';
import { EmptyState } from './components/panel';
import { panelDomId, TabBar, tabDomId } from './components/tab-bar';
import { Toasts } from './components/toasts';
import type { ChartKit } from './charts/types';
import { CloudChartsTab } from './features/cloud-charts/cloud-charts-tab';
import { CommandCenter } from './features/command-center/command-center';
import { EventLog, EventLogButton } from './features/event-log';
import { PositionsTab } from './features/positions/positions-tab';
import { SignalsTab } from './features/signals/signals-tab';
import { PerformanceTab } from './features/performance/performance-tab';
import { KeyboardShortcuts } from './keyboard/keyboard-shortcuts';
import { SoundAlerts } from './sounds/sound-alerts';
import type { AlertSoundPlayer } from './sounds/web-audio-player';
import { StoreProvider, useAppStore } from './store/context';
import type { AppStore } from './store/types';

// The Configuration tab validates with the shared zod schema: loaded on first use, so zod stays
// out of the bundle every other tab needs.
const Configuration = lazy(() => import('./features/configuration').then((m) => ({ default: m.Configuration })));

function TabLoading() {
  return <EmptyState title="Loading…" />;
}

function ActiveTab({ charts }: { charts: ChartKit }) {
  const tab = useAppStore((s) => s.activeTab);
  let content;
  switch (tab) {
    case 'command-center':
      content = <CommandCenter charts={charts} />;
      break;
    case 'positions':
      content = <PositionsTab />;
      break;
    case 'signals':
      content = <SignalsTab />;
      break;
    case 'cloud-charts':
      content = <CloudChartsTab />;
      break;
    case 'performance':
      content = <PerformanceTab />;
      break;
    case 'configuration':
      content = (
        <Suspense fallback={<TabLoading />}>
          <Configuration />
        </Suspense>
      );
      break;
  }
  return (
    <main className="tab-panel" role="tabpanel" id={panelDomId(tab)} aria-labelledby={tabDomId(tab)}>
      {content}
    </main>
  );
}

function Shell({ charts, sound }: { charts: ChartKit; sound?: AlertSoundPlayer }) {
  const colorBlindSafe = useAppStore((s) => s.config?.dashboard.colorBlindSafe === true);
  return (
    <div className={colorBlindSafe ? 'app app--cb-safe' : 'app'}>
      <Header />
      <ConnectionBanner />
      <KillBanner />
      <ReconciliationBanner />
      <KpiStrip />
      <div className="tabs-row">
        <TabBar />
        <EventLogButton />
      </div>
      <ActiveTab charts={charts} />
      <EventLog />
      <KillShortcutDialog />
      <Toasts />
      <KeyboardShortcuts />
      <SoundAlerts player={sound} />
    </div>
  );
}

/**
 * The whole dashboard over one store; `charts` supplies the canvas chart components and
 * `sound` the alert sound player (the Web Audio synthesiser when not given).
 */
export function App({ store, charts, sound }: { store: AppStore; charts: ChartKit; sound?: AlertSoundPlayer }) {
  return (
    <StoreProvider store={store}>
      <Shell charts={charts} sound={sound} />
    </StoreProvider>
  );
}
