import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { PnlChart } from './charts/pnl-chart';
import { bindTransport } from './store/bind-transport';
import { createAppStore } from './store/app-store';
import { selectTransport } from './transport';
import './styles/theme.css';
import './styles/app.css';

const transport = selectTransport(window);
const store = createAppStore(transport.api);
bindTransport(store, transport);
window.addEventListener('pagehide', () => transport.close());
// The token lives in the hash: pasting another Dashboard URL into this tab changes only the
// hash, which does not reload the page, so reload to connect with the new token.
window.addEventListener('hashchange', () => window.location.reload());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App store={store} charts={{ PnlChart }} />
  </StrictMode>,
);
