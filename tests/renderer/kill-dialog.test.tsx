import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KILL_QUESTION } from '../../src-renderer/components/kill-dialog';
import { fakeApi, makeDashboard } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

function openKillDialog() {
  const { api } = fakeApi();
  const view = renderApp(api);
  act(() => {
    view.store.getState().setConnection({ phase: 'open', everOpened: true, failures: 0, retryAt: null });
    view.store.getState().applyDashboard(makeDashboard({}, { status: 'paper' }));
  });
  fireEvent.click(screen.getByTestId('btn-kill'));
  return { api, ...view, dialog: screen.getByTestId('kill-confirm') };
}

describe('kill confirmation', () => {
  it('asks the kill question with "Also close day trades" checked and the confirm button focused', () => {
    const { dialog } = openKillDialog();
    expect(dialog.textContent).toContain(KILL_QUESTION);
    expect((screen.getByLabelText('Also close day trades') as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId('kill-confirm-button'));
  });

  it('confirms on one Enter and calls kill exactly once with closeDayTrades', async () => {
    const { api } = openKillDialog();
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
      fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    });
    expect(api.kill).toHaveBeenCalledExactlyOnceWith({ closeDayTrades: true });
    expect(screen.queryByTestId('kill-confirm')).toBeNull();
    expect(screen.getByTestId('status-pill').textContent).toBe('KILLED');
  });

  it('confirms on Enter even when the focus is outside the dialog', async () => {
    const { api } = openKillDialog();
    (document.activeElement as HTMLElement).blur();
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'Enter' });
      fireEvent.keyDown(document.body, { key: 'Enter' });
    });
    expect(api.kill).toHaveBeenCalledTimes(1);
    expect(api.kill).toHaveBeenCalledWith({ closeDayTrades: true });
  });

  it('passes closeDayTrades false when the box is unticked', async () => {
    const { api } = openKillDialog();
    fireEvent.click(screen.getByLabelText('Also close day trades'));
    await act(async () => fireEvent.click(screen.getByTestId('kill-confirm-button')));
    expect(api.kill).toHaveBeenCalledExactlyOnceWith({ closeDayTrades: false });
  });

  it('cancels on Escape without killing and gives the focus back to KILL', () => {
    const { api } = openKillDialog();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('kill-confirm')).toBeNull();
    expect(api.kill).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByTestId('btn-kill'));
  });

  it('cancels when Enter is pressed on the Cancel button', () => {
    const { api } = openKillDialog();
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    cancel.focus();
    fireEvent.keyDown(cancel, { key: 'Enter' });
    expect(screen.queryByTestId('kill-confirm')).toBeNull();
    expect(api.kill).not.toHaveBeenCalled();
  });

  it('turns a refused kill into a visible error toast with the bot’s message', async () => {
    const { api } = openKillDialog();
    api.kill.mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: 'broker rejected the cancel' } });
    await act(async () => fireEvent.keyDown(document.activeElement!, { key: 'Enter' }));
    const toast = screen.getByTestId('toast');
    expect(toast.textContent).toContain('Kill refused');
    expect(toast.textContent).toContain('broker rejected the cancel');
  });
});
