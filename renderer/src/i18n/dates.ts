import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/vi';
import type { Language } from '.';

/** Dates read dd/mm/yyyy in both languages: it is how Vietnamese documents write them. */
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';
export const DATE_TIME_SECONDS_FORMAT = 'DD/MM/YYYY HH:mm:ss';

export function setDayjsLanguage(language: Language): void {
  dayjs.locale(language);
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format(DATE_FORMAT) : '';
}

export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  return iso ? dayjs(iso).format(withSeconds ? DATE_TIME_SECONDS_FORMAT : DATE_TIME_FORMAT) : '';
}
