import { i18n } from '../../i18n';

/** Numbers as the reports print them: Vietnamese separators (28,2; 1.234), at most `digits` decimals. */
export function formatNumber(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined) return '—';
  const locale = i18n.language === 'en' ? 'en-GB' : 'vi-VN';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** A difference with its sign: +8,2 or −3,1 (a true minus sign), 0 without one. */
export function formatSigned(n: number, digits = 1): string {
  const body = formatNumber(Math.abs(n), digits);
  return n > 0 ? `+${body}` : n < 0 ? `−${body}` : body;
}

/** ISO date → dd/mm/yyyy. */
export function viDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
