import type { KpiFigure } from './report-summary';

/** The report's headline figures as a grid of cards. */
export function KpiCards({ figures }: { figures: readonly KpiFigure[] }) {
  return (
    <div className="perf-kpis" data-testid="perf-kpis">
      {figures.map((f) => (
        <div key={f.id} className="perf-kpi" data-testid={`perf-kpi-${f.id}`}>
          <div className="perf-kpi__label">{f.label}</div>
          <div className={`perf-kpi__value num tone-${f.tone}`}>{f.value}</div>
          <div className={`perf-kpi__sub num ${f.subTone ? `tone-${f.subTone}` : 'muted'}`}>{f.sub}</div>
        </div>
      ))}
    </div>
  );
}
