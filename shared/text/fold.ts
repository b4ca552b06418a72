/**
 * Vietnamese name folding for search: diacritics and case removed, đ/Đ folded to d, spaces collapsed.
 *
 * Unicode NFD separates most Vietnamese letters into a base and combining marks, but đ (U+0111) is a letter
 * of its own with no decomposition, so it is mapped explicitly.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese collation order (a ă â b c d đ e ê …) for sorting names. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
