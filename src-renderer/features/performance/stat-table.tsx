import type { ReactNode } from 'react';

/** One column of a {@link StatTable}: its header, how to draw a row's cell, figures right-aligned. */
export interface StatColumn<T> {
  label: string;
  cell(row: T): ReactNode;
  /** A figure: right-aligned, tabular numerals. */
  figure?: boolean;
  /** Extra classes of the cell, e.g. 'strong' or 'muted'. */
  className?: string;
  /** The header's tooltip. */
  title?: string;
}

/** A table of figures over rows, described by its columns (the app's `.table` look). */
export function StatTable<T>({
  rows,
  columns,
  rowKey,
  testId,
  rowTestId,
  className,
}: {
  rows: readonly T[];
  columns: readonly StatColumn<T>[];
  rowKey(row: T): string;
  testId: string;
  rowTestId?: (row: T) => string;
  className: string;
}) {
  const cellClass = (c: StatColumn<T>) => [c.figure ? 'r num' : '', c.className ?? ''].join(' ').trim() || undefined;
  return (
    <div className={`table-wrap ${className}`}>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={c.figure ? 'r' : undefined} title={c.title}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId?.(row)}>
              {columns.map((c) => (
                <td key={c.label} className={cellClass(c)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
