/**
 * Sort keys that order Vietnamese names as `new Intl.Collator('vi').compare` does, by plain comparison.
 *
 * The database cannot call ICU, so a name column is indexed by its key and sorted with SQLite's default
 * BINARY collation (memcmp of UTF-8). The key uses only code points below U+D800, where UTF-16 order (JS `<`)
 * and UTF-8 byte order agree, and never U+0000.
 *
 * ICU's 'vi' collation compares in three levels, each over the whole string before the next:
 *   primary   letters a ă â b c d đ e ê f g h i … o ô ơ … u ư v w x y z, after spaces, punctuation and digits
 *             (tab < space < _ - , ; : ! ? . ' " ( ) … 0–9 < letters);
 *   secondary tones, per character in reading order: none < grave (huyền) < hook (hỏi) < tilde (ngã)
 *             < acute (sắc) < dot below (nặng), then other accents;
 *   tertiary  case (lower before upper) and variants of one punctuation mark (space before no-break space).
 * The key is the three levels' weights joined by U+0001, which is lower than any weight, so a shorter level
 * sorts first as in ICU. Found by experiment against Node's full ICU; test/unit/sort-key.test.ts checks it.
 *
 * Characters outside the table (other scripts, rare symbols, "…" which ICU expands to three dots, the
 * combining Latin letters U+0363–U+036F which it weighs as letters) get keys after all letters in code point
 * order: an approximation. Change the table and every stored key must be recomputed: bump SORT_KEY_VERSION.
 */

export const SORT_KEY_VERSION = 1;

const LEVEL_SEPARATOR = '\u0001';

/**
 * Primary weights in ICU's order. Each string is one weight; characters within it differ only at the
 * tertiary level, in the order written (for letters: lower, then upper).
 */
const PRIMARY_GROUPS: readonly string[] = [
  '\t',
  '\n',
  '\u000b',
  '\f',
  '\r',
  ' \u00a0',
  '_',
  '-',
  '\u2010\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  ',',
  ';',
  ':',
  '!',
  '?',
  '.',
  '\u00b7',
  "'\u2018\u2019\u201a\u201b",
  '\u2039',
  '\u203a',
  '"\u201c\u201d\u201e',
  '\u00ab',
  '\u00bb',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '@',
  '*',
  '/',
  '\\',
  '&',
  '#',
  '%',
  '\u2022',
  '\u2032',
  '\u2033',
  '`',
  '\u00b4',
  '^',
  '+',
  '<',
  '=',
  '>',
  '|',
  '~',
  '$',
  ...'0123456789',
  ...'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'
    .split(' ')
    .map((letter) => letter + letter.toUpperCase()),
];

const PRIMARY_BASE = 0x20;
const UNKNOWN_PRIMARY_BASE = 0x100;
const MAX_WEIGHT = 0xd7ff;

/** Character (NFC) → [primary weight, tertiary weight]. */
const PRIMARY = new Map<string, readonly [number, number]>();
PRIMARY_GROUPS.forEach((group, i) => {
  [...group].forEach((char, j) => PRIMARY.set(char, [PRIMARY_BASE + i, PRIMARY_BASE + j]));
});

/**
 * Secondary weights of combining marks (after NFD) in ICU's 'vi' order; marks in one string weigh the same.
 * The Vietnamese tones come first: grave, hook, tilde, acute, dot below.
 */
const SECONDARY_GROUPS: readonly string[] = [
  '\u0332',
  '\u0313',
  '\u0314',
  '\u0300',
  '\u0309',
  '\u0303',
  '\u0301',
  '\u0323',
  '\u0306',
  '\u0302',
  '\u030c',
  '\u030a',
  '\u0342',
  '\u0308',
  '\u030b',
  '\u0307',
  '\u0338',
  '\u0327',
  '\u0328',
  '\u0304',
  '\u030d\u030e\u0312\u0315\u031a\u033d\u033e\u033f\u0346\u034a\u034b\u034c\u0350\u0351\u0352\u0357\u035b\u035d\u035e',
  '\u0316\u0317\u0318\u0319\u031c\u031d\u031e\u031f\u0320\u0329\u032a\u032b\u032c\u032f\u0333\u033a\u033b\u033c\u0347\u0348\u0349\u034d\u034e\u0353\u0354\u0355\u0356\u0359\u035a\u035c\u035f\u0362',
  '\u0336\u0337',
  '\u0335',
  '\u0305',
  '\u030f',
  '\u0310',
  '\u0311',
  '\u031b',
  '\u0321',
  '\u0322',
  '\u0324',
  '\u0325',
  '\u0326',
  '\u032d',
  '\u032e',
  '\u0330',
  '\u0331',
  '\u0334',
  '\u0339',
  '\u0345',
  '\u0358',
  '\u0360',
  '\u0361',
];

/** A letter's own weight at the secondary level (no accent): lower than every accent. */
const SECONDARY_COMMON = 0x20;
const SECONDARY_UNKNOWN_MARK = 0x7e;
const SECONDARY = new Map<string, number>();
SECONDARY_GROUPS.forEach((group, i) => [...group].forEach((mark) => SECONDARY.set(mark, SECONDARY_COMMON + 1 + i)));

/** Characters ICU ignores at every level: soft hyphen, combining grapheme joiner. */
const IGNORABLE = new Set(['\u00ad', '\u034f']);

/**
 * Marks that make a Vietnamese letter of the base before them (a+˘ = ă, o+̛ = ơ …) rather than adding an accent.
 * ICU joins them to the base unless another mark of the same combining class stands between. In NFD a tone's
 * dot below (a lower class) comes first, so "ậ" is a + dot below + circumflex and still joins as â.
 */
const LETTER_MARKS: Readonly<Record<string, string>> = Object.freeze({
  '\u0306': 'a',
  '\u0302': 'aeo',
  '\u031b': 'ou',
});
/** Marks of combining class 230 (above): one of these between a base and a letter mark blocks the joining. */
const ABOVE = /[\u0300-\u0314\u033d-\u0344\u0346\u034a-\u034c\u0350-\u0352\u0357\u035b\u0363-\u036f]/;
const MARK = /\p{M}/u;

function weightChar(weight: number): string {
  return String.fromCharCode(Math.min(weight, MAX_WEIGHT));
}

/** The three levels' weights of a text, in the order of its characters. */
type Levels = readonly [primary: string, secondary: string, tertiary: string];

/**
 * The levels of the pieces of names seen lately (a word with the space before it): an import derives 100,000
 * names made of a few thousand words. Bounded in count (cleared when full) and in size: only a piece as short as a
 * word is kept (an imported value may be a million characters long, and its levels, built a character at a time,
 * would be kept as chains of thousands of small strings).
 */
const pieces = new Map<string, Levels>();
const MAX_PIECES = 20_000;
const MAX_PIECE_CHARS = 64;

/**
 * The sort key of a name: compare keys with `<` or SQLite BINARY to get Intl.Collator('vi') order.
 *
 * Weighed a piece at a time, each piece a word with the space before it: a character's weights depend only on
 * itself and the marks after it, a space has no marks joined to it in NFD order unless they follow it directly
 * (they then stay in its piece), and normalization never reorders across a space (a starter). So each level of
 * the name is its pieces' levels one after another (test/unit/sort-key.test.ts checks it against the whole).
 */
export function vietnameseSortKey(name: string): string {
  let primary = '';
  let secondary = '';
  let tertiary = '';
  for (let from = 0; from < name.length;) {
    let to = name.indexOf(' ', from + 1);
    if (to < 0) to = name.length;
    const piece = name.slice(from, to);
    let levels = pieces.get(piece);
    if (levels === undefined) {
      levels = levelsOf(piece);
      if (piece.length <= MAX_PIECE_CHARS) {
        if (pieces.size >= MAX_PIECES) pieces.clear();
        pieces.set(piece, levels);
      }
    }
    primary += levels[0];
    secondary += levels[1];
    tertiary += levels[2];
    from = to;
  }
  return primary + LEVEL_SEPARATOR + secondary + LEVEL_SEPARATOR + tertiary;
}

/** The sort key of a text weighed whole, not a piece at a time (what `vietnameseSortKey` must equal). */
export function wholeSortKey(text: string): string {
  return levelsOf(text).join(LEVEL_SEPARATOR);
}

function levelsOf(name: string): Levels {
  const chars = [...name.normalize('NFD')];
  let primary = '';
  let secondary = '';
  let tertiary = '';
  let i = 0;
  while (i < chars.length) {
    let base = chars[i]!;
    i++;
    if (IGNORABLE.has(base)) continue;
    // The marks that follow this base, in NFD order.
    const marks: string[] = [];
    while (i < chars.length && MARK.test(chars[i]!)) marks.push(chars[i++]!);
    const letterMark = marks.findIndex(
      (m, k) =>
        LETTER_MARKS[m]?.includes(base.toLowerCase()) && !marks.slice(0, k).some((before) => ABOVE.test(before)),
    );
    if (letterMark >= 0 && !MARK.test(base)) {
      base = (base + marks[letterMark]).normalize('NFC');
      marks.splice(letterMark, 1);
    }
    const weights = PRIMARY.get(base);
    if (MARK.test(base)) {
      // A mark with no base (at the start, or after an ignorable): an accent on nothing.
      marks.unshift(base);
    } else if (weights) {
      primary += weightChar(weights[0]);
      secondary += weightChar(SECONDARY_COMMON);
      tertiary += weightChar(weights[1]);
    } else {
      primary += weightChar(UNKNOWN_PRIMARY_BASE + base.codePointAt(0)!);
      secondary += weightChar(SECONDARY_COMMON);
      tertiary += weightChar(PRIMARY_BASE);
    }
    for (const mark of marks) {
      if (IGNORABLE.has(mark)) continue;
      secondary += weightChar(SECONDARY.get(mark) ?? SECONDARY_UNKNOWN_MARK);
      tertiary += weightChar(PRIMARY_BASE);
    }
  }
  return [primary, secondary, tertiary];
}

/** The primary level of a sort key: letters without tones or case (a, ă and â stay apart; so do d and đ). */
export function primarySortKey(text: string): string {
  const key = vietnameseSortKey(text);
  return key.slice(0, key.indexOf(LEVEL_SEPARATOR));
}
