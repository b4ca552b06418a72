import { formatDate } from '../../i18n/dates';

/** A birth or first-use date: dd/mm/yyyy, or the year alone when that is all that is on file. */
export function formatPartialDate(value: string | null | undefined): string {
  if (!value) return '';
  return /^\d{4}$/.test(value) ? value : formatDate(value);
}

/** Today as YYYY-MM-DD in Vietnam (UTC+7), the calendar day the host counts in, wherever this screen runs. */
export function todayIso(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}
