import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const BOX = { left: 16, right: 396, top: 500, bottom: 700 } as DOMRect;

/** The app with one toast shown, and the stack given a box (jsdom lays nothing out). */
function withToast() {
  const { api } = fakeApi();
  const view = renderApp(api);
  const stack = screen.getByTestId('toasts');
  stack.getBoundingClientRect = () => BOX;
  const toast = (title: string) =>
    act(() => view.store.getState().pushToast({ tone: 'info', title, message: 'Filled buy 10 SPY' }));
  toast('Trade executed');
  return { ...view, stack, toast };
}

/** Moves the pointer and lets the stack's once-a-frame check run. */
async function pointerAt(x: number, y: number) {
  fireEvent.pointerMove(document, { clientX: x, clientY: y });
  await nextFrame();
}
const nextFrame = () => act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

describe('toasts', () => {
  it('fade while the pointer is over the stack, so what lies beneath shows', async () => {
    const { stack } = withToast();
    expect(stack.className).not.toContain('toasts--faded');
    await pointerAt(100, 600);
    expect(stack.className).toContain('toasts--faded');
    await pointerAt(800, 600);
    expect(stack.className).not.toContain('toasts--faded');
  });

  it('come back when the pointer leaves the window from over them, and fade when one appears under a resting pointer', async () => {
    const { stack, toast } = withToast();
    await pointerAt(100, 600);
    fireEvent.mouseOut(document, { relatedTarget: null });
    await nextFrame();
    expect(stack.className).not.toContain('toasts--faded');
    await pointerAt(100, 600);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(stack.className).not.toContain('toasts--faded');
    toast('Stop loss triggered');
    await nextFrame();
    expect(stack.className).toContain('toasts--faded');
  });

  it('close from their button, and the stack stops following the pointer once empty', async () => {
    const { stack } = withToast();
    await pointerAt(100, 600);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('toast')).toBeNull();
    expect(stack.className).not.toContain('toasts--faded');
    await pointerAt(100, 600);
    expect(stack.className).not.toContain('toasts--faded');
  });
});
