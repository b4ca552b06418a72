/** Typed text in a date field (dd/mm/yyyy on screen) that is not a date, and why. */

/**
 * Why typed text is not a date, for the message under the field: the year alone (offer "Chỉ biết năm"), a day
 * the month does not have ("31/02/1990"), or no date at all.
 */
export function dateTextIssue(text: string): 'date_year_only' | 'date_not_real' | 'date_format' {
  if (/^\d{4}$/.test(text.trim())) return 'date_year_only';
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim()) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(text.trim());
  if (m) {
    const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
      return 'date_not_real';
    }
  }
  return 'date_format';
}

/** The year found in typed text ("31/02/1990" → "1990"), for "Chỉ biết năm". */
export function yearOfText(text: string): string {
  return /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(text)?.[1] ?? '';
}
