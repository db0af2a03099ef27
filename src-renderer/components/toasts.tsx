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
 * The toast stack (bottom left). It takes no clicks but its close buttons (see app.css), and
 * while the pointer is over it the toasts fade (their close buttons stay), so what lies beneath
 * can be seen and clicked. An element that takes no pointer events sees no hover, so the last
 * pointer position is compared with the stack's box: at most once a frame, when the toasts
 * change (one may appear under a resting pointer), and never with the pointer outside the window.
 */
export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  const stack = useRef<HTMLDivElement>(null);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const [faded, setFaded] = useState(false);
  const showing = toasts.length > 0;

  useEffect(() => {
    if (!showing) return;
    let frame = 0;
    const check = () => {
      frame = 0;
      const box = stack.current?.getBoundingClientRect();
      const p = pointer.current;
      setFaded(!!box && !!p && p.x >= box.left && p.x <= box.right && p.y >= box.top && p.y <= box.bottom);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    const onMove = (e: PointerEvent) => {
      pointer.current = { x: e.clientX, y: e.clientY };
      schedule();
    };
    const onLeave = (e: MouseEvent) => {
      if (e.relatedTarget) return;
      pointer.current = null;
      schedule();
    };
    const onBlur = () => {
      pointer.current = null;
      schedule();
    };
    document.addEventListener('pointermove', onMove, { passive: true });
    document.addEventListener('mouseout', onLeave);
    window.addEventListener('blur', onBlur);
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('pointermove', onMove);
      document.removeEventListener('mouseout', onLeave);
      window.removeEventListener('blur', onBlur);
    };
  }, [showing, toasts]);

  useEffect(() => {
    if (!showing) return;
    return () => setFaded(false);
  }, [showing]);

  return (
    <div ref={stack} className={`toasts${faded ? ' toasts--faded' : ''}`} aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
      ))}
    </div>
  );
}
