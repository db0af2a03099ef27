import { ConnectionBanner } from './components/ConnectionBanner';
import { Header } from './components/Header';
import { KillBanner } from './components/KillBanner';
import { KpiStrip } from './components/KpiStrip';
import { panelDomId, TabBar, tabDomId } from './components/TabBar';
import { Toasts } from './components/Toasts';
import type { ChartKit } from './charts/types';
import { ComingSoon } from './features/coming-soon/ComingSoon';
import { CommandCenter } from './features/command-center/CommandCenter';
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
