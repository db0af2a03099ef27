import type { BotConfig } from '../../src-shared/config-schema';
import type { CommandResult } from '../../src-shared/command-result';
import type { CommandName, CommandPayload, CommandValues } from '../../src-shared/ipc-contract';
import type { BotController } from './bot-controller';
import type { ControllerHandle, PushListener } from './command-surface';
import { errorMessage } from '../../src-shared/error-message';

/** The settings that decide which feed, clock and brokers the controller is built on. */
const wiringOf = (c: BotConfig): string =>
  JSON.stringify([c.broker.primary, c.broker.fallback, c.broker.dataFeed, c.broker.alpacaDataSource]);

/** A controller as the composition root built it, with its start-up broker work. */
export interface Wired {
  controller: BotController;
  config: BotConfig;
  ready: Promise<void>;
}

/**
 * The handle the shells hold. A change of broker or market data in the configuration takes
 * effect while the bot is stopped: the controller is rebuilt on the same store with the new
 * feed, clock and brokers (at once when it is saved, or at the next Start), and the front
 * ends keep their subscription.
 */
export class ControllerHost implements ControllerHandle {
  private current: Wired;
  private readonly listeners = new Set<PushListener>();
  private unsubscribe: () => void;
  private rewiring: Promise<void> = Promise.resolve();
  private rebuilding = false;

  constructor(
    private readonly wire: (config: BotConfig) => Wired,
    config: BotConfig,
    private readonly rewirable: boolean,
    private readonly closeStore: () => void,
  ) {
    this.current = wire(config);
    this.unsubscribe = this.attach(this.current.controller);
  }

  /** Settles when the current controller (after any rebuild under way) has done its broker work. */
  get ready(): Promise<void> {
    return this.rewiring.then(() => this.current.ready);
  }

  // Arrow properties: shells pass these functions around unbound (tray, IPC bridge).
  execute = async <K extends CommandName>(
    name: K,
    payload: CommandPayload<K>,
  ): Promise<CommandResult<CommandValues[K]>> => {
    if (name === 'kill')
      return this.kill(payload as CommandPayload<'kill'>) as Promise<CommandResult<CommandValues[K]>>;
    await this.rewiring;
    if (name === 'start') {
      await this.rewireIfChanged();
      await this.current.ready.catch(() => undefined);
    }
    const result = await this.current.controller.execute(name, payload);
    if (name === 'updateConfig' && result.ok) this.rewiring = this.rewireIfChanged();
    return result;
  };

  /**
   * The kill never waits for a rebuild: it runs on the controller of the moment (its state is
   * stored before it returns), and once more on the rebuilt one if a rebuild was under way and
   * may have read the stored state before the kill wrote it (kill is idempotent).
   */
  private async kill(payload: CommandPayload<'kill'>): Promise<CommandResult<CommandValues['kill']>> {
    const during = this.rebuilding;
    const result = await this.current.controller.execute('kill', payload);
    if (during) {
      await this.rewiring;
      return this.current.controller.execute('kill', payload);
    }
    return result;
  }

  subscribe = (listener: PushListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  shutdown = async (): Promise<void> => {
    await this.rewiring;
    await this.current.ready.catch(() => undefined);
    this.unsubscribe();
    await this.current.controller.shutdown();
    this.closeStore();
  };

  private attach(controller: BotController): () => void {
    return controller.subscribe((message) => {
      for (const l of this.listeners) l(message);
    });
  }

  private async rewireIfChanged(): Promise<void> {
    const { controller, config } = this.current;
    const next = controller.getConfig();
    if (!this.rewirable || wiringOf(next) === wiringOf(config)) return;
    if (controller.getState().sessionId !== null) return;
    this.rebuilding = true;
    try {
      await this.current.ready.catch(() => undefined);
      this.unsubscribe();
      await controller.shutdown();
      try {
        this.current = this.wire(next);
      } catch (error) {
        // Never leave the shells without a controller: back to what ran before, and say why.
        this.current = this.wire(config);
        const why = errorMessage(error);
        this.current.controller.reportSetupError(`The new broker or data settings could not be applied: ${why}`);
      }
      this.unsubscribe = this.attach(this.current.controller);
    } finally {
      this.rebuilding = false;
    }
    const payload = this.current.controller.getDashboardData();
    for (const l of this.listeners) l({ push: 'dashboard', payload });
  }
}
