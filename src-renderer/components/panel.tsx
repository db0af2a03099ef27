import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Right-hand side of the title bar: a count, a figure, controls. */
  aside?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Panel({ title, aside, className, testId, children }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : 'panel'} data-testid={testId}>
      <header className="panel__head">
        <h2 className="panel__title">{title}</h2>
        {aside !== undefined && <div className="panel__aside">{aside}</div>}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty__title">{title}</div>
      {children && <div className="empty__text muted">{children}</div>}
    </div>
  );
}
