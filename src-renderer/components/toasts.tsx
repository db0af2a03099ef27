import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/context';
import type { Toast } from '../store/types';

const LIFETIME_MS: Record<Toast['tone'], number> = { error: 12_000, warning: 9_000, info: 6_000, success: 5_000 };

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss(id: number): void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), LIFETIME_MS[toast.tone]);
    return () => clearTimeout(timer);
  }, [toast.id, toast.tone, onDismiss]);
  return (
    <div
      className={`toast toast--${toast.tone}`}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      data-testid="toast"
    >
      <div className="toast__body">
        <strong className="toast__title">{toast.title}</strong>
        <span className="toast__message">{toast.message}</span>
      </div>
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

/**
 * The toast stack (bottom left). It takes no clicks but its close buttons (see app.css) and fades
 * while the pointer is over it: hover cannot be seen by an element that takes no pointer events,
 * so the pointer's position is compared with the stack's box, only while toasts are shown.
 */
export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  const stack = useRef<HTMLDivElement>(null);
  const [faded, setFaded] = useState(false);
  const showing = toasts.length > 0;
  useEffect(() => {
    if (!showing) return;
    const onMove = (e: PointerEvent) => {
      const box = stack.current?.getBoundingClientRect();
      setFaded(
        !!box && e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom,
      );
    };
    document.addEventListener('pointermove', onMove, { passive: true });
    return () => {
      document.removeEventListener('pointermove', onMove);
      setFaded(false);
    };
  }, [showing]);
  return (
    <div ref={stack} className={`toasts${faded ? ' toasts--faded' : ''}`} aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
      ))}
    </div>
  );
}
