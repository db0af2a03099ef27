import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TABS } from '../../src-renderer/components/tab-bar';
import { shortcutFor } from '../../src-renderer/keyboard/shortcuts';
import { fakeApi, makeDashboard, OPEN } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

function liveApp(status: 'paper' | 'killed' = 'paper') {
  const { api } = fakeApi();
  const view = renderApp(api);
  act(() => {
    view.store.getState().setConnection(OPEN);
    view.store.getState().applyDashboard(makeDashboard({}, { status }));
  });
  return { api, ...view };
}

const activeTab = () => screen.getAllByRole('tab').find((t) => t.getAttribute('aria-selected') === 'true')?.id;

describe('keyboard shortcuts', () => {
  it('switch tabs with 1–6', () => {
    liveApp();
    TABS.forEach((tab, i) => {
      fireEvent.keyDown(document.body, { key: String(i + 1) });
      expect(activeTab()).toBe(`tab-${tab.id}`);
    });
    fireEvent.keyDown(document.body, { key: '1' });
    expect(activeTab()).toBe('tab-command-center');
  });

  it('leave digits alone while typing in an input, or with a modifier', () => {
    liveApp();
    fireEvent.click(screen.getByTestId('btn-event-log'));
    const text = screen.getByTestId('event-log-text');
    text.focus();
    fireEvent.keyDown(text, { key: '3' });
    expect(activeTab()).toBe('tab-command-center');
    fireEvent.keyDown(document.body, { key: '3', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: '3', altKey: true });
    expect(activeTab()).toBe('tab-command-center');
  });

  it('open the kill confirmation with Ctrl+Shift+K (Cmd on a Mac), even while typing; Escape cancels', () => {
    const { api } = liveApp();
    fireEvent.keyDown(document.body, { key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true });
    expect(screen.getByTestId('kill-confirm')).toBeTruthy();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('kill-confirm')).toBeNull();
    expect(api.kill).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('btn-event-log'));
    const text = screen.getByTestId('event-log-text');
    text.focus();
    fireEvent.keyDown(text, { key: 'K', code: 'KeyK', metaKey: true, shiftKey: true });
    expect(screen.getByTestId('kill-confirm')).toBeTruthy();
  });

  it('kill through the shortcut’s confirmation like the KILL button', async () => {
    const { api } = liveApp();
    fireEvent.keyDown(document.body, { key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true });
    await act(async () => fireEvent.click(screen.getByTestId('kill-confirm-button')));
    expect(api.kill).toHaveBeenCalledExactlyOnceWith({ closeDayTrades: true });
    expect(screen.getByTestId('status-pill').textContent).toBe('KILLED');
  });

  it('do not offer the kill switch again once it is active, nor switch tabs behind a dialog', () => {
    liveApp('killed');
    fireEvent.keyDown(document.body, { key: 'k', code: 'KeyK', ctrlKey: true, shiftKey: true });
    expect(screen.queryByTestId('kill-confirm')).toBeNull();

    fireEvent.click(screen.getByTestId('btn-reset-kill'));
    fireEvent.keyDown(document.body, { key: '2' });
    expect(activeTab()).toBe('tab-command-center');
  });

  it('hand Escape to the open dialog even when the focus has left it', () => {
    liveApp();
    fireEvent.keyDown(document.body, { key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true });
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('kill-confirm')).toBeNull();
  });

  it('map keys to actions', () => {
    const press = (key: string, extra: Partial<KeyboardEvent> = {}) =>
      shortcutFor({
        key,
        code: '',
        ctrlKey: false,
        metaKey: false,
        altKey: false,
        shiftKey: false,
        target: null,
        ...extra,
      });
    expect(press('4')).toEqual({ kind: 'tab', tab: 'cloud-charts' });
    expect(press('7')).toBeNull();
    expect(press('0')).toBeNull();
    expect(press('Escape')).toEqual({ kind: 'escape' });
    expect(press('K', { ctrlKey: true, shiftKey: true })).toEqual({ kind: 'kill' });
    expect(press('k', { ctrlKey: true })).toBeNull();
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(press('2', { target: checkbox })).toEqual({ kind: 'tab', tab: 'positions' });
    expect(press('2', { target: document.createElement('textarea') })).toBeNull();
  });
});
