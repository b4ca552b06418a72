import { canonicalVietnamese } from './canonical';

/**
 * Vietnamese name folding for search: diacritics and case removed, đ/Đ folded to d, spaces collapsed.
 *
 * The text is first put in its canonical form (canonical.ts: lookalike letters, marks in odd orders, VIQR,
 * invisible characters), so every way of writing a name folds alike. Unicode NFD separates most Vietnamese
 * letters into a base and combining marks, but đ (U+0111) is a letter of its own with no decomposition, so it
 * is mapped explicitly.
 */
export function foldVietnamese(text: string): string {
  return canonicalVietnamese(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese collation order (a ă â b c d đ e ê …) for sorting names. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
