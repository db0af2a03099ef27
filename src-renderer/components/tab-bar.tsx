import { useAppStore } from '../store/context';
import type { TabId } from '../store/types';

export const TABS: ReadonlyArray<{ id: TabId; label: string }> = [
  { id: 'command-center', label: 'Command Center' },
  { id: 'positions', label: 'Positions' },
  { id: 'signals', label: 'Signals' },
  { id: 'cloud-charts', label: 'Cloud Charts' },
  { id: 'performance', label: 'Performance' },
  { id: 'configuration', label: 'Configuration' },
];

export const tabDomId = (id: TabId) => `tab-${id}`;
export const panelDomId = (id: TabId) => `panel-${id}`;

export function TabBar() {
  const active = useAppStore((s) => s.activeTab);
  const setActive = useAppStore((s) => s.setActiveTab);
  return (
    <nav className="tabs" role="tablist" aria-label="Dashboard sections">
      {TABS.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabDomId(tab.id)}
          aria-selected={tab.id === active}
          aria-controls={panelDomId(tab.id)}
          className={tab.id === active ? 'tab tab--active' : 'tab'}
          data-testid={`tab-${tab.id}`}
          onClick={() => setActive(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
