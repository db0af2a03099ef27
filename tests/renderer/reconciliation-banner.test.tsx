import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PAPER_ONLY_BROKERS, type BrokerView } from '../../src-shared/broker-view';
import { fail } from '../../src-shared/command-result';
import { fakeApi, makeDashboard, OPEN } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const mismatch: BrokerView = {
  ...PAPER_ONLY_BROKERS,
  primary: 'alpaca',
  reconciliation: {
    status: 'mismatch',
    differences: ["SPY: the broker holds 10, the bot's book 0"],
    checkedAt: 1,
  },
};

function showWith(brokers: BrokerView) {
  const { api } = fakeApi(makeDashboard({}, { brokers }));
  const view = renderApp(api);
  act(() => {
    view.store.getState().setConnection(OPEN);
    view.store.getState().applyDashboard(makeDashboard({}, { brokers }));
  });
  return { api, ...view };
}

describe('reconciliation banner', () => {
  it('is absent while the broker and the book agree', () => {
    showWith(PAPER_ONLY_BROKERS);
    expect(screen.queryByTestId('reconciliation-banner')).toBeNull();
  });

  it('shows the differences, keeps trading blocked, and acknowledges only with a reason', async () => {
    const { api } = showWith(mismatch);
    expect(screen.getByTestId('reconciliation-differences').textContent).toContain('SPY: the broker holds 10');
    fireEvent.click(screen.getByTestId('btn-acknowledge'));
    const submit = screen.getByTestId('acknowledge-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('acknowledge-reason'), { target: { value: 'SPY is my long-term holding' } });
    await act(async () => fireEvent.click(submit));
    expect(api.acknowledgeReconciliation).toHaveBeenCalledWith({ reason: 'SPY is my long-term holding' });
    expect(screen.queryByTestId('reconciliation-dialog')).toBeNull();
  });

  it('keeps the dialog open with the bot’s refusal under the reason', async () => {
    const { api } = showWith(mismatch);
    api.acknowledgeReconciliation.mockResolvedValueOnce(
      fail('invalid_transition', 'nothing to acknowledge: the check passed'),
    );
    fireEvent.click(screen.getByTestId('btn-acknowledge'));
    fireEvent.change(screen.getByTestId('acknowledge-reason'), { target: { value: 'checked by hand' } });
    await act(async () => fireEvent.click(screen.getByTestId('acknowledge-submit')));
    const dialog = screen.getByTestId('reconciliation-dialog');
    expect(within(dialog).getByRole('alert').textContent).toBe('nothing to acknowledge: the check passed');
    expect((screen.getByTestId('acknowledge-reason') as HTMLInputElement).value).toBe('checked by hand');
  });
});
