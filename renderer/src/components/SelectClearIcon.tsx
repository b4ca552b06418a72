import { CloseCircleFilled } from '@ant-design/icons';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A key that clears a filled select (a single choice; a multiple select's Backspace takes its last tag away). */
const CLEARING_KEYS = new Set(['Backspace', 'Delete']);

/**
 * The clear mark of every select with `allowClear`, given once in the app's ConfigProvider. rc-select draws its
 * clear button around this icon, labelled "Clear" in English and as an extra Tab stop after a filled select; no
 * prop reaches that button, so the icon, while drawn, names it in the user's language and takes it out of the tab
 * order. Keyboard users clear the select with Backspace or Delete instead (while no search text is typed); the
 * mouse still clears with a click.
 */
export function SelectClearIcon() {
  const { t } = useTranslation();
  const ref = useRef<HTMLSpanElement>(null);
  const label = t('controls.clearSelection');
  useLayoutEffect(() => {
    const button = ref.current?.closest('button');
    if (!button) return;
    button.tabIndex = -1;
    button.setAttribute('aria-label', label);
  }, [label]);
  useLayoutEffect(() => {
    const button = ref.current?.closest('button');
    const root = button?.closest<HTMLElement>('.ant-select');
    if (!button || !root || root.classList.contains('ant-select-multiple')) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const input = e.target instanceof HTMLInputElement ? e.target : null;
      if (!CLEARING_KEYS.has(e.key) || !input || input.value !== '' || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      button.click();
    };
    root.addEventListener('keydown', onKeyDown);
    return () => root.removeEventListener('keydown', onKeyDown);
  }, []);
  return <CloseCircleFilled ref={ref} aria-hidden />;
}
