import { isReducing, type OrderPurpose } from './orders';

/**
 * Whether the bot may trade (NautilusTrader's trading states, translated):
 * - `active`: entries and exits;
 * - `paused`: no new entries or adds; exits, stops and flattens are still managed;
 * - `halted`: the kill switch is on; only cancels and position-reducing orders pass
 *   (Nautilus HALTED + REDUCING: a kill must still be able to flatten).
 */
export type TradingState = 'active' | 'paused' | 'halted';

/** Whether an order of this purpose may reach the broker in `state`. Cancels always may. */
export function allowsOrder(state: TradingState, purpose: OrderPurpose): boolean {
  return state === 'active' || isReducing(purpose);
}
