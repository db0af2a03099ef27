import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../src-shared/command-result';
import { diffConfig, mergePatch } from '../../src-shared/config-patch';
import { BotConfigSchema, type BotConfig } from '../../src-shared/config-schema';
import { ALL_FIELDS, SECTIONS } from '../../src-renderer/features/configuration/field-meta';
import { localDeadline, LIVE_CONFIRM_WINDOW_MS } from '../../src-renderer/features/configuration/live-mode-dialog';
import { schemaLeafPaths } from '../../src-renderer/features/configuration/schema-info';
import { fakeApi, makeConfig, makeDashboard, OPEN } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

/** The dashboard on the Configuration tab, connected, with `config` loaded. */
async function openConfiguration(config: BotConfig = makeConfig(), state = {}) {
  const { api, push } = fakeApi(makeDashboard({}, state));
  const view = renderApp(api);
  act(() => {
    const s = view.store.getState();
    s.setConnection(OPEN);
    s.applyDashboard(makeDashboard({}, state));
    s.applyConfig(config);
    s.setActiveTab('configuration');
  });
  await screen.findByTestId('tab-content-configuration');
  return { api, push, ...view };
}

const input = (path: string) => screen.getByTestId(`input-${path}`) as HTMLInputElement;
const type = (path: string, text: string) => fireEvent.change(input(path), { target: { value: text } });
const saveButton = () => screen.getByTestId('btn-config-save') as HTMLButtonElement;

describe('configuration form, generated from the shared schema', () => {
  it('has a field for every setting of the schema, and no field the schema lacks', () => {
    const fields = ALL_FIELDS.map((f) => f.path).sort();
    expect(fields).toEqual(schemaLeafPaths().sort());
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('shows a section for every config group, each field with its saved value', async () => {
    await openConfiguration(makeConfig({ maxEventsDisplayed: 250 }));
    for (const section of SECTIONS) expect(screen.getByTestId(`cfg-section-${section.id}`)).toBeTruthy();
    expect(input('dashboard.maxEventsDisplayed').value).toBe('250');
    expect(input('risk.maxOpenPositions').value).toBe('8');
    expect(input('schedule.marketOpen').value).toBe('09:30');
    expect(screen.getByTestId('chip-universe.tickers-NVDA')).toBeTruthy();
    expect(screen.getByTestId('config-status').textContent).toBe('No unsaved changes.');
  });

  it('shows the options settings for Options and Both, the ETF universe and settings for Lev. ETF and Both', async () => {
    const config = { ...makeConfig(), instrumentMode: 'options' as const };
    await openConfiguration(config, { instrumentMode: 'options' });
    expect(screen.queryByTestId('input-options.targetDelta')).not.toBeNull();
    expect(screen.queryByTestId('etf-universe')).toBeNull();
    expect(screen.queryByTestId('input-leveragedEtf.holdLimitMinutes')).toBeNull();

    fireEvent.click(input('instrumentMode-leveraged_etf'));
    expect(screen.queryByTestId('input-options.targetDelta')).toBeNull();
    expect(screen.getByTestId('etf-universe').textContent).toContain('TQQQ');
    expect(screen.queryByTestId('input-leveragedEtf.holdLimitMinutes')).not.toBeNull();

    fireEvent.click(input('instrumentMode-both'));
    expect(screen.queryByTestId('input-options.targetDelta')).not.toBeNull();
    expect(screen.queryByTestId('etf-universe')).not.toBeNull();
  });

  it('shows an invalid field’s error inline and keeps Save disabled, sending nothing', async () => {
    const { api } = await openConfiguration();
    type('risk.maxOpenPositions', '0');
    expect(screen.getByTestId('error-risk.maxOpenPositions').textContent).toBe('Must be at least 1');
    expect(input('risk.maxOpenPositions').getAttribute('aria-invalid')).toBe('true');
    expect(saveButton().disabled).toBe(true);
    fireEvent.click(saveButton());
    expect(screen.queryByTestId('config-diff')).toBeNull();
    expect(api.updateConfig).not.toHaveBeenCalled();

    type('risk.maxOpenPositions', 'lots');
    expect(screen.getByTestId('error-risk.maxOpenPositions').textContent).toBe('Enter a number');
    type('schedule.marketOpen', '9.30');
    expect(screen.getByTestId('error-schedule.marketOpen').textContent).toBe('expected HH:MM (24h, New York time)');
    expect(screen.getByTestId('config-status').textContent).toContain('Fix 2 problems');
  });

  it('checks cross-field rules of the schema: a cloud’s short period below its long one', async () => {
    await openConfiguration();
    type('clouds.fast.short', '20');
    expect(screen.getByTestId('error-clouds.fast').textContent).toBe('short period must be below the long period');
    expect(saveButton().disabled).toBe(true);
  });

  it('holds a cross-field complaint back while the field it compares is itself invalid', async () => {
    await openConfiguration();
    type('schedule.marketOpen', '9.30');
    expect(screen.getByTestId('error-schedule.marketOpen')).toBeTruthy();
    expect(screen.queryByTestId('error-schedule.marketClose')).toBeNull();
    type('schedule.marketOpen', '16:30');
    expect(screen.getByTestId('error-schedule.marketClose').textContent).toBe('market close must be after the open');
  });

  it('shows the diff before Save, then sends only the patch and reports success', async () => {
    const { api, store } = await openConfiguration();
    const saved = store.getState().config!;
    const patch = {
      universe: { tickers: ['SPY', 'QQQ', 'IWM', 'NVDA', 'AAPL', 'MSFT', 'AMD', 'META', 'AMZN'] },
      risk: { maxOpenPositions: 5 },
      broker: { partialFills: true },
    };
    const applied = BotConfigSchema.parse(mergePatch(saved, patch));
    api.updateConfig.mockResolvedValueOnce(ok({ config: applied, diff: diffConfig(saved, applied) as never[] }));

    type('risk.maxOpenPositions', '5');
    fireEvent.click(input('broker.partialFills'));
    fireEvent.click(screen.getByTestId('remove-universe.tickers-TSLA'));
    expect(screen.getByTestId('config-status').textContent).toBe('3 unsaved changes.');
    fireEvent.click(saveButton());

    const rows = within(screen.getByTestId('config-diff')).getAllByTestId('diff-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Scan universe · Tickersuniverse.tickers−TSLA',
      expect.stringMatching(/^Risk · Max open positions.*risk\.maxOpenPositions.*8 → 5$/),
      expect.stringMatching(/^Broker and data · Partial fills.*broker\.partialFills.*off → on$/),
    ]);
    expect(api.updateConfig).not.toHaveBeenCalled();

    await act(async () => fireEvent.click(screen.getByTestId('config-diff-confirm')));
    expect(api.updateConfig).toHaveBeenCalledExactlyOnceWith({ patch, confirmRiskLoosening: false });
    expect(screen.queryByTestId('config-diff')).toBeNull();
    expect(screen.getByTestId('config-saved').textContent).toContain('Saved 3 changes');
    expect(screen.getByTestId('config-saved').textContent).toContain('config_change');
    expect(store.getState().config?.risk.maxOpenPositions).toBe(5);
    expect(input('risk.maxOpenPositions').value).toBe('5');
  });

  it('shows the bot’s own issues on their fields when it rejects the change', async () => {
    const { api } = await openConfiguration();
    api.updateConfig.mockResolvedValueOnce(
      fail('invalid_config', 'The configuration change is invalid; nothing was applied.', [
        { path: 'risk.maxExposurePct', message: 'loosening exposure while live needs confirmation' },
        { path: 'leveragedEtf.sectorMap.QQQ.bull', message: 'not a 3x fund' },
      ]),
    );
    type('risk.maxExposurePct', '150');
    fireEvent.click(saveButton());
    await act(async () => fireEvent.click(screen.getByTestId('config-diff-confirm')));

    expect(screen.getByTestId('error-risk.maxExposurePct').textContent).toBe(
      'loosening exposure while live needs confirmation',
    );
    expect(screen.getByTestId('error-leveragedEtf.sectorMap').textContent).toBe('QQQ.bull: not a 3x fund');
    expect(screen.getByTestId('config-rejected').textContent).toContain('nothing was applied');
    // The edit stays, ready to be corrected; editing the field clears the bot's complaint.
    expect(input('risk.maxExposurePct').value).toBe('150');
    type('risk.maxExposurePct', '90');
    expect(screen.queryByTestId('error-risk.maxExposurePct')).toBeNull();
  });

  it('adds tickers only when they are valid and new', async () => {
    await openConfiguration();
    type('universe.tickers', 'spy');
    fireEvent.click(screen.getByTestId('add-universe.tickers'));
    expect(screen.getByTestId('entry-error-universe.tickers').textContent).toBe('SPY is already in the list');
    type('universe.tickers', 'BRK.B, 1X');
    fireEvent.keyDown(input('universe.tickers'), { key: 'Enter' });
    expect(screen.getByTestId('entry-error-universe.tickers').textContent).toContain('1X is not an upper-case ticker');
    type('universe.tickers', 'crm, brk.b');
    fireEvent.click(screen.getByTestId('add-universe.tickers'));
    expect(screen.getByTestId('chip-universe.tickers-CRM')).toBeTruthy();
    expect(screen.getByTestId('chip-universe.tickers-BRK.B')).toBeTruthy();
    expect(input('universe.tickers').value).toBe('');
  });

  it('edits the sector map: re-points a saved pair, adds a new one, never removes a saved one', async () => {
    const { api } = await openConfiguration();
    fireEvent.change(screen.getByTestId('sector-XLF-bull'), { target: { value: 'fngu' } });
    fireEvent.change(screen.getByTestId('sector-new-underlying'), { target: { value: 'xle' } });
    fireEvent.change(screen.getByTestId('sector-new-bull'), { target: { value: 'erx' } });
    fireEvent.change(screen.getByTestId('sector-new-bear'), { target: { value: 'ery' } });
    fireEvent.click(screen.getByTestId('sector-add'));
    const removeSaved = within(screen.getByTestId('sector-row-QQQ')).getByRole('button', { name: 'Remove QQQ' });
    expect((removeSaved as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(saveButton());
    await act(async () => fireEvent.click(screen.getByTestId('config-diff-confirm')));
    expect(api.updateConfig).toHaveBeenCalledExactlyOnceWith({
      patch: { leveragedEtf: { sectorMap: { XLF: { bull: 'FNGU' }, XLE: { bull: 'ERX', bear: 'ERY' } } } },
      confirmRiskLoosening: false,
    });
  });

  it('sends typed broker keys once, clears the boxes, and shows only that keys are stored', async () => {
    const { api } = await openConfiguration();
    const keys = screen.getByTestId('broker-credentials');
    expect(screen.getByTestId('alpaca-status').textContent).toContain('not used');
    const [keyId, secret] = within(keys).getAllByLabelText(/key/i) as HTMLInputElement[];
    expect([keyId!.type, secret!.type]).toEqual(['password', 'password']);
    fireEvent.change(keyId!, { target: { value: 'PKTEST12345' } });
    fireEvent.change(secret!, { target: { value: 'very-secret-value' } });
    await act(async () => fireEvent.click(screen.getByTestId('btn-store-keys')));
    expect(api.setBrokerCredentials).toHaveBeenCalledWith({
      account: 'paper',
      keyId: 'PKTEST12345',
      secretKey: 'very-secret-value',
    });
    expect([keyId!.value, secret!.value]).toEqual(['', '']);
    expect(document.body.textContent).not.toContain('very-secret-value');
    expect(keys.textContent).toContain('ALPACA_PAPER_KEY_ID');
  });

  it('asks before loosening risk limits while live, and sends the confirmation only when clicked', async () => {
    const { api } = await openConfiguration();
    api.updateConfig.mockResolvedValueOnce(
      fail('confirmation_required', 'Loosening risk limits while live needs confirmation: risk.maxTradesPerDay.'),
    );
    type('risk.maxTradesPerDay', '40');
    await act(async () => fireEvent.click(saveButton()));
    await act(async () => fireEvent.click(screen.getByTestId('config-diff-confirm')));
    expect(screen.getByTestId('config-needs-confirmation').textContent).toContain('risk.maxTradesPerDay');
    await act(async () => fireEvent.click(screen.getByTestId('btn-config-confirm-loosening')));
    expect(api.updateConfig).toHaveBeenLastCalledWith({
      patch: { risk: { maxTradesPerDay: 40 } },
      confirmRiskLoosening: true,
    });
  });

  it('discards edits on request', async () => {
    await openConfiguration();
    type('risk.maxTradesPerDay', '12');
    fireEvent.click(screen.getByTestId('btn-config-reset'));
    expect(input('risk.maxTradesPerDay').value).toBe('30');
    expect(saveButton().disabled).toBe(true);
  });
});

describe('paper ↔ live', () => {
  it('refuses to go live without the exact phrase, and confirms with it', async () => {
    const { api, store } = await openConfiguration();
    api.requestLiveMode.mockResolvedValueOnce(ok({ challenge: 'GO LIVE 4821', expiresAt: Date.now() + 60_000 }));
    await act(async () => fireEvent.click(screen.getByTestId('btn-go-live')));
    expect(screen.getByTestId('live-challenge').textContent).toBe('GO LIVE 4821');
    expect(screen.getByTestId('live-countdown').textContent).toMatch(/^(60|59) s left$/);

    const confirm = () => screen.getByTestId('live-confirm') as HTMLButtonElement;
    for (const wrong of ['', 'go live 4821', 'GO LIVE 482', 'GO LIVE 4821 ']) {
      fireEvent.change(screen.getByTestId('live-phrase-input'), { target: { value: wrong } });
      expect(confirm().disabled).toBe(true);
      fireEvent.submit(confirm().closest('form')!);
    }
    expect(api.confirmLiveMode).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('live-phrase-input'), { target: { value: 'GO LIVE 4821' } });
    expect(confirm().disabled).toBe(false);
    await act(async () => fireEvent.click(confirm()));
    expect(api.confirmLiveMode).toHaveBeenCalledExactlyOnceWith({ challenge: 'GO LIVE 4821' });
    expect(screen.queryByTestId('live-dialog')).toBeNull();
    expect(store.getState().dashboard?.state.executionMode).toBe('live');
    expect(screen.getByTestId('execution-mode').textContent).toBe('LIVE');
  });

  it('shows the bot’s refusal plainly and offers no phrase box', async () => {
    const { api } = await openConfiguration();
    const message =
      'Live trading needs Alpaca API keys (ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY) and the Alpaca broker; none are configured, so the bot stays in paper mode.';
    api.requestLiveMode.mockResolvedValueOnce(fail('invalid_transition', message));
    await act(async () => fireEvent.click(screen.getByTestId('btn-go-live')));
    expect(screen.getByTestId('live-refusal').textContent).toContain(message);
    expect(screen.queryByTestId('live-phrase-input')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('live-close'), { key: 'Escape' });
    expect(screen.queryByTestId('live-dialog')).toBeNull();
  });

  it('shows a refused confirmation (wrong or late phrase) in the dialog', async () => {
    const { api } = await openConfiguration();
    api.requestLiveMode.mockResolvedValueOnce(ok({ challenge: 'ARM 7', expiresAt: Date.now() + 30_000 }));
    api.confirmLiveMode.mockResolvedValueOnce(fail('invalid_transition', 'The phrase expired; ask again.'));
    await act(async () => fireEvent.click(screen.getByTestId('btn-go-live')));
    fireEvent.change(screen.getByTestId('live-phrase-input'), { target: { value: 'ARM 7' } });
    await act(async () => fireEvent.click(screen.getByTestId('live-confirm')));
    expect(screen.getByTestId('live-error').textContent).toContain('The phrase expired; ask again.');
    expect(screen.getByTestId('execution-mode').textContent).toBe('PAPER');
  });

  it('goes back to paper with setPaperMode', async () => {
    const { api } = await openConfiguration(makeConfig(), { executionMode: 'live', status: 'live' });
    await act(async () => fireEvent.click(screen.getByTestId('btn-go-paper')));
    expect(api.setPaperMode).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('execution-mode').textContent).toBe('PAPER');
  });

  it('counts down on this machine’s clock, from the bot’s expiry when it is plausible', () => {
    const now = 1_000_000;
    expect(localDeadline(now + 45_000, now)).toBe(now + 45_000);
    expect(localDeadline(now - 5_000, now)).toBe(now + LIVE_CONFIRM_WINDOW_MS);
    expect(localDeadline(now + 3_600_000, now)).toBe(now + LIVE_CONFIRM_WINDOW_MS);
  });
});
