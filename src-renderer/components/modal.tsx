import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

interface ModalProps {
  title: string;
  testId: string;
  tone?: 'danger' | 'neutral';
  onCancel(): void;
  /** Extra key handling (runs before Escape handling; call preventDefault to stop it). */
  onKeyDown?(event: KeyboardEvent<HTMLDivElement>): void;
  /** Where the focus goes on close; by default the element focused when the dialog opened. */
  returnFocusTo?: RefObject<HTMLElement | null>;
  children: ReactNode;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** A modal dialog: Escape cancels, Tab stays inside, focus returns to the opener on close. */
export function Modal({ title, testId, tone = 'neutral', onCancel, onKeyDown, returnFocusTo, children }: ModalProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);

  // Read during the first render, before autoFocus inside the dialog moves the focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => () => (returnFocusTo?.current ?? opener)?.focus(), [opener, returnFocusTo]);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Tab' && box.current) {
      const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={box}
        className={`modal modal--${tone}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onKeyDown={handleKeyDown}
      >
        <h2 id={titleId} className="modal__title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
