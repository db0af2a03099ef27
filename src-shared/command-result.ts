import type { FieldIssue } from './config-patch';

export const ERROR_CODES = [
  'invalid_payload',
  'unknown_command',
  'invalid_transition',
  'invalid_config',
  'refused',
  'unauthorized',
  'confirmation_required',
  'internal',
] as const;
/** Why a command was refused. */
export type CommandErrorCode = (typeof ERROR_CODES)[number];

export interface CommandError {
  code: CommandErrorCode;
  message: string;
  issues?: FieldIssue[];
}

/** Every command answers with a value or a typed error; it never throws across the bridge. */
export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: CommandError };

export const ok = <T>(value: T): CommandResult<T> => ({ ok: true, value });
export const fail = <T = never>(code: CommandErrorCode, message: string, issues?: FieldIssue[]): CommandResult<T> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});
