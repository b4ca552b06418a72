import { primarySortKey } from '../../shared/text/sort-key';
import { nameTokens } from './person.search-words';

/**
 * What the search index stores per person: each distinct folded word of their names with a position class.
 *
 * Class 0, 1, 2: the word is the first, second or third word of the full name; class 3: anything else (a
 * fourth or later word, another name, or any word of a full name written with characters other than
 * Vietnamese letters and single spaces). The classes let a search find people whose names *begin* with
 * what was typed by a seek on the sort key (see person.search.ts), and everybody else by walking only the
 * words found in unusual places.
 */
export const POSITION_CLASSES = [0, 1, 2, 3] as const;
export type PositionClass = (typeof POSITION_CLASSES)[number];

export interface TokenEntry {
  token: string;
  cls: PositionClass;
}

const BASES = 'aăâeêioôơuưy';
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const LETTERS = new Set<string>([
  ...'bcdđfghjklmnpqrstvwxz',
  ...[...BASES].flatMap((b) => TONES.map((t) => (b + t).normalize('NFC'))),
]);

/**
 * A full name whose primary sort weights are exactly those of its folded form with the letters' own marks
 * (ă â đ ê ô ơ ư) kept: Vietnamese letters, words separated by single spaces. Such a name's sort key begins
 * with the primary key of one of the variants of any prefix of its folded form.
 */
export function isRegularName(fullName: string): boolean {
  const n = fullName.normalize('NFC').toLowerCase();
  if (!n.length || n.startsWith(' ') || n.endsWith(' ') || n.includes('  ')) return false;
  for (const ch of n) if (ch !== ' ' && !LETTERS.has(ch)) return false;
  return true;
}

export function tokenEntries(fullName: string, otherNames: readonly string[]): TokenEntry[] {
  const seen = new Set<string>();
  const out: TokenEntry[] = [];
  const add = (token: string, cls: PositionClass) => {
    const k = `${cls}:${token}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ token, cls });
  };
  const regular = isRegularName(fullName);
  nameTokens(fullName).forEach((t, i) => add(t, regular ? (Math.min(i, 3) as PositionClass) : 3));
  for (const other of otherNames) for (const t of nameTokens(other)) add(t, 3);
  return out;
}

/** The letters whose variants differ at the primary level (a ă â, d đ, e ê, o ô ơ, u ư). */
const VARIANTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  a: ['a', 'ă', 'â'],
  d: ['d', 'đ'],
  e: ['e', 'ê'],
  o: ['o', 'ô', 'ơ'],
  u: ['u', 'ư'],
});

export function letterVariants(ch: string): readonly string[] {
  return VARIANTS[ch] ?? [ch];
}

/** The primary weight of one letter or space (one character of a primary key). */
export function primaryWeight(ch: string): string {
  return primarySortKey(ch);
}

/**
 * A string greater than every string that starts with `prefix` and smaller than any other that is greater
 * than `prefix`: the prefix with its last character incremented (primary weights of letters are far below
 * the highest weight, so the increment never overflows).
 */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
