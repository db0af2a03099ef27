import { TAB_IDS, type TabId } from '../store/types';

export type ShortcutAction = { kind: 'tab'; tab: TabId } | { kind: 'kill' } | { kind: 'escape' };

/** The parts of a KeyboardEvent the shortcuts look at. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'target'>;

/** Input types where a digit is not text (a digit there may switch tabs). */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** True when a key press is typing: in a text field, a select, a text area or editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

/**
 * The dashboard's keys: 1–6 switch tabs (not while typing, not with a modifier);
 * Ctrl+Shift+K (Cmd+Shift+K on a Mac) asks for the kill switch, even while typing;
 * Escape closes the open dialog or drawer.
 */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  const kKey = press.code === 'KeyK' || press.key.toLowerCase() === 'k';
  if ((press.ctrlKey || press.metaKey) && press.shiftKey && !press.altKey && kKey) return { kind: 'kill' };
  if (press.key === 'Escape') return { kind: 'escape' };
  if (press.ctrlKey || press.metaKey || press.altKey || isTypingTarget(press.target)) return null;
  const index = /^[1-9]$/.test(press.key) ? Number(press.key) - 1 : -1;
  const tab = TAB_IDS[index];
  return tab ? { kind: 'tab', tab } : null;
}
