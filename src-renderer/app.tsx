import { ConnectionBanner } from './components/connection-banner';
import { Header } from './components/header';
import { KillBanner } from './components/kill-banner';
import { KpiStrip } from './components/kpi-strip';
import { panelDomId, TabBar, tabDomId } from './components/tab-bar';
import { Toasts } from './components/toasts';
import type { ChartKit } from './charts/types';
import { ComingSoon } from './features/coming-soon/coming-soon';
import { CommandCenter } from './features/command-center/command-center';
import { StoreProvider, useAppStore } from './store/context';
import type { AppStore } from './store/types';

function ActiveTab({ charts }: { charts: ChartKit }) {
  const tab = useAppStore((s) => s.activeTab);
  return (
    <main className="tab-panel" role="tabpanel" id={panelDomId(tab)} aria-labelledby={tabDomId(tab)}>
      {tab === 'command-center' ? <CommandCenter charts={charts} /> : <ComingSoon tab={tab} />}
    </main>
  );
}

/** The whole dashboard over one store; `charts` supplies the canvas chart components. */
export function App({ store, charts }: { store: AppStore; charts: ChartKit }) {
  return (
    <StoreProvider store={store}>
      <div className="app">
        <Header />
        <ConnectionBanner />
        <KillBanner />
        <KpiStrip />
        <TabBar />
        <ActiveTab charts={charts} />
        <Toasts />
      </div>
    </StoreProvider>
  );
}
