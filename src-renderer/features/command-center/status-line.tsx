import type { ReactNode } from 'react';
import type { BotState, InstrumentMode } from '../../../src-shared/bot-state';
import { STATUS_LABELS } from '../../components/status-pill';
import { formatUptime } from '../../format/format';
import { useAppStore } from '../../store/context';

export const INSTRUMENT_MODE_LABELS: Record<InstrumentMode, string> = {
  options: 'Options',
  leveraged_etf: 'Lev. ETF',
  both: 'Both',
};
const MODES = Object.keys(INSTRUMENT_MODE_LABELS) as InstrumentMode[];

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="field-inline" data-testid={testId}>
      <span className="field-inline__label">{label}</span>
      <span className="field-inline__value">{children}</span>
    </div>
  );
}

export function InstrumentModeSwitch({ current }: { current: InstrumentMode }) {
  const setMode = useAppStore((s) => s.setInstrumentMode);
  const connected = useAppStore((s) => s.connection.phase === 'open');
  const pending = useAppStore((s) => s.pendingCommand !== null);
  return (
    <div className="segmented" role="group" aria-label="Instrument mode">
      {MODES.map((mode) => (
        <button
          key={mode}
          type="button"
          className={mode === current ? 'segmented__btn segmented__btn--on' : 'segmented__btn'}
          aria-pressed={mode === current}
          data-testid={`mode-${mode}`}
          disabled={!connected || pending}
          onClick={() => mode !== current && void setMode(mode)}
        >
          {INSTRUMENT_MODE_LABELS[mode]}
        </button>
      ))}
    </div>
  );
}

export function StatusLine({ state }: { state: BotState }) {
  return (
    <div className="status-line panel">
      <div className="status-line__fields">
        <Field label="Status">
          <span className={`status-text status-text--${state.status}`}>{STATUS_LABELS[state.status]}</span>
          {state.statusReason && state.status !== 'killed' && <span className="muted"> · {state.statusReason}</span>}
        </Field>
        <Field label="Uptime" testId="uptime">
          <span className="num">{formatUptime(state.uptimeSeconds)}</span>
        </Field>
        <Field label="Broker">{state.activeBroker || '—'}</Field>
        <Field label="Execution">
          <span className={state.executionMode === 'live' ? 'tag tag--live' : 'tag tag--paper'}>
            {state.executionMode.toUpperCase()}
          </span>
        </Field>
        <Field label="Session">
          <span className="mono">{state.sessionId ?? 'none yet'}</span>
        </Field>
      </div>
      <div className="status-line__mode">
        <span className="field-inline__label">Instrument</span>
        <InstrumentModeSwitch current={state.instrumentMode} />
      </div>
    </div>
  );
}
