/** A row of mutually exclusive buttons (the app's segmented control). */
export function Segmented<T extends string | number>({
  options,
  value,
  onChange,
  label,
  testId,
}: {
  options: readonly { id: T; label: string }[];
  /** The pressed option, or null when none is (a custom choice made elsewhere). */
  value: T | null;
  onChange(id: T): void;
  label: string;
  testId: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          aria-pressed={o.id === value}
          className={o.id === value ? 'segmented__btn segmented__btn--on' : 'segmented__btn'}
          onClick={() => onChange(o.id)}
          data-testid={`${testId}-${o.id}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
