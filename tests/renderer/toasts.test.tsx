import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

/** The app with one toast shown, and the stack given a box (jsdom lays nothing out). */
function withToast() {
  const { api } = fakeApi();
  const view = renderApp(api);
  act(() => view.store.getState().pushToast({ tone: 'info', title: 'Trade executed', message: 'Filled buy 10 SPY' }));
  const stack = screen.getByTestId('toasts');
  stack.getBoundingClientRect = () => ({ left: 16, right: 396, top: 500, bottom: 700 }) as DOMRect;
  return { ...view, stack };
}

describe('toasts', () => {
  it('fade while the pointer is over the stack, so what lies beneath shows', () => {
    const { stack } = withToast();
    expect(stack.className).not.toContain('toasts--faded');
    fireEvent.pointerMove(document, { clientX: 100, clientY: 600 });
    expect(stack.className).toContain('toasts--faded');
    fireEvent.pointerMove(document, { clientX: 800, clientY: 600 });
    expect(stack.className).not.toContain('toasts--faded');
  });

  it('close from their button, and the stack stops following the pointer once empty', () => {
    const { stack } = withToast();
    fireEvent.pointerMove(document, { clientX: 100, clientY: 600 });
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('toast')).toBeNull();
    expect(stack.className).not.toContain('toasts--faded');
    fireEvent.pointerMove(document, { clientX: 100, clientY: 600 });
    expect(stack.className).not.toContain('toasts--faded');
  });
});
