export const EVENT_TYPES = [
  'session',
  'command',
  'signal',
  'order',
  'fill',
  'trade',
  'error',
  'kill',
  'config_change',
  'risk_denied',
  'alert',
  'mode_change',
  'status_change',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One row of the event log. `createdAt` is epoch ms (UTC). */
export interface BotEvent {
  id: number;
  sessionId: string | null;
  eventType: EventType;
  severity: Severity;
  message: string;
  metadata: Record<string, unknown> | null;
  createdAt: number;
}

/** A filter over the event log; every field narrows, `limit` caps the newest-first result. */
export interface EventQuery {
  eventType?: EventType;
  severity?: Severity;
  sessionId?: string;
  since?: number;
  until?: number;
  text?: string;
  limit?: number;
  beforeId?: number;
}
