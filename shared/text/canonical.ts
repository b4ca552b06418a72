/**
 * One canonical form for Vietnamese text that arrives in lookalike forms: names before they are stored, and
 * any text before it is folded for search, duplicate checks and imports (fold.ts calls this first).
 *
 * What real Vietnamese text carries besides NFC, and what this does with it:
 * - Decomposed letters (NFD, "Unicode tổ hợp" from converters, Windows-1258's base letter + combining tone):
 *   composed (NFC).
 * - Marks in a non-canonical order: a tone typed before the letter's own mark ("a" + acute + circumflex,
 *   which Unicode does not treat as "ấ" because both marks are above the letter): the letter marks
 *   (circumflex on a/e/o, breve on a, horn on o/u) are put next to the base first. A mark typed twice counts
 *   once. The tone marks U+0340/U+0341 are the grave and acute (NFD maps them); U+0342 (Greek perispomeni)
 *   is taken as the tilde; a caron on a (ǎ, from pinyin input methods) as the breve (Vietnamese has no caron).
 * - Letters that look like đ/Đ: the eth ð/Ð (Latin-1 fonts had no Đ, and old Vietnamese web pages and
 *   Windows-1258/VISCII text read as Latin-1 carry it), the African D Ɖ/ɖ, d or D with a combining stroke
 *   overlay. Dotless ı, Latin alpha ɑ, script g ɡ.
 * - Spacing accents after a vowel (´ ˊ ΄ ˋ ˜ ˆ ˘ ˀ) and VIQR (the ASCII convention: a^ â, a( ă, o+ ơ, ' acute,
 *   ` grave, ? hook, ~ tilde, . dot below, dd or d- đ). VIQR is ambiguous with apostrophes and full stops
 *   (O'Brien), and "dd" is what folding makes of "Đđ…", so text is read as VIQR only when one of its words
 *   carries an unambiguous sign: ^ ( + ` ? ~ or a spacing accent right after a vowel; then its ' . dd d- too.
 * - Compatibility forms (NFKC): fullwidth letters from East Asian input methods, ligatures, ª, superscripts.
 * - Cyrillic and Greek letters that look like Latin ones (а е о р с у х і …, Α Β Ε Η Κ Μ Ο Ρ Τ Χ …), from a
 *   keyboard layout left on: replaced in a word that also has Latin letters, or whose letters all look Latin.
 *   A word in real Cyrillic or Greek (Иван) stays as it is.
 * - Invisible characters (zero-width space/joiners, soft hyphen, BOM, direction marks, variation selectors:
 *   Unicode's default-ignorable code points) are removed; every kind of space (no-break, en, ideographic …)
 *   becomes one space; runs of spaces become one; the ends are trimmed. (So: for one-line text.)
 *
 * Not done here: mojibake (TCVN3, VNI or VISCII bytes decoded with the wrong code page, e.g. "NguyÔn V¨n")
 * must be decoded from the bytes with the encoding the source declares, not guessed per string, because the
 * same characters are ordinary letters elsewhere (ã is a Vietnamese letter, yet also ă in VNI read as Latin-1).
 * Where a tone sits (hoà / hòa, thuỷ / thủy) is left as written: both spellings are correct and the search and
 * duplicate checks ignore tones anyway. Keystrokes of Telex or VNI typed with the input method off (Nguyeenx,
 * Nguye64n) are not decoded.
 *
 * Idempotent. Clean text (ASCII letters and NFC Vietnamese letters, single spaces) is returned unchanged after
 * one regular-expression test, so folding stays cheap.
 */

const VOWEL_BASES = 'aăâeêioôơuưy';
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const VIETNAMESE_LETTERS = [...[...VOWEL_BASES].flatMap((b) => TONES.map((t) => (b + t).normalize('NFC'))), 'đ']
  .flatMap((c) => [c, c.toUpperCase()])
  .filter((c) => c.charCodeAt(0) > 0x7f)
  .join('');

/** Text that needs no work: ASCII without VIQR's signs, NFC Vietnamese letters, no extra spaces. */
const CLEAN = new RegExp(`^[A-Za-z0-9 .,'\\-/:;!"#$%&)*<=>@_|{}\\[\\]${VIETNAMESE_LETTERS}]*$`);
const NEEDS_WORK = /^ | $| {2}/;

const MARK = /\p{M}/u;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const SPACES = /[\p{Zs}\t\n\v\f\r\u0085\u2028\u2029]+/gu;

/** Letters that stand for a Vietnamese letter whatever the word around them. */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = Object.freeze({
  '\u00f0': 'đ', // ð eth
  '\u00d0': 'Đ', // Ð Eth
  '\u0256': 'đ', // ɖ African d
  '\u0189': 'Đ', // Ɖ African D
  '\u0131': 'i', // ı dotless i
  '\u0251': 'a', // ɑ Latin alpha
  '\u2c6d': 'A', // Ɑ
  '\u0261': 'g', // ɡ script g
  '\ua7ac': 'G', // Ɡ
});

/** Cyrillic and Greek letters that look like Latin letters (from Unicode's confusables), used in words only. */
const SCRIPT_LOOKALIKES: Readonly<Record<string, string>> = Object.freeze({
  // Cyrillic
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  А: 'A',
  В: 'B',
  Е: 'E',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ѕ: 'S',
  Ԁ: 'D',
  Һ: 'H',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ӏ: 'I',
  // Greek
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ο: 'o',
  α: 'a',
  ι: 'i',
  ν: 'v',
  ρ: 'p',
  υ: 'u',
});
const LATIN_LETTER = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
const OTHER_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

type Signs = Readonly<Record<string, { mark: string; bases?: string }>>;

/** Spacing accents → combining marks, after a vowel only. Letter marks apply only to the bases that take them. */
const SPACING_MARKS: Signs = Object.freeze({
  '\u02c6': { mark: '\u0302', bases: 'aeo' }, // ˆ
  '\u02d8': { mark: '\u0306', bases: 'a' }, // ˘
  '\u00b4': { mark: '\u0301' }, // ´
  '\u02ca': { mark: '\u0301' }, // ˊ
  '\u0384': { mark: '\u0301' }, // ΄ Greek tonos
  '\u02cb': { mark: '\u0300' }, // ˋ
  '\u02c0': { mark: '\u0309' }, // ˀ
  '\u02dc': { mark: '\u0303' }, // ˜
});
const SPACING = /[\u02c6\u02d8\u00b4\u02ca\u0384\u02cb\u02c0\u02dc]/g;

/** VIQR's signs → combining marks. */
const VIQR_MARKS: Signs = Object.freeze({
  '^': { mark: '\u0302', bases: 'aeo' },
  '(': { mark: '\u0306', bases: 'a' },
  '+': { mark: '\u031b', bases: 'ou' },
  "'": { mark: '\u0301' },
  '`': { mark: '\u0300' },
  '?': { mark: '\u0309' },
  '~': { mark: '\u0303' },
  '.': { mark: '\u0323' },
});
/** A vowel (NFD: base and its marks) followed by a sign for it that only VIQR would put there. */
const VIQR_SIGN = /[aeo]\p{M}*\^|a\p{M}*\(|[ou]\p{M}*\+|[aeiouy]\p{M}*[`?~]/iu;
const VIQR_D = /^[dD](?:[dD]|-(?=\p{L}))/u;

/** Each vowel takes the signs that follow it (among its marks) as marks, while they apply to it. */
function readSigns(text: string, signs: Signs): string {
  const chars = [...text];
  let out = '';
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!;
    out += c;
    if (!'aeiouy'.includes(c.toLowerCase())) continue;
    // A full stop or apostrophe is a sign only before a letter or at the end of the word.
    while (k + 1 < chars.length) {
      const next = chars[k + 1]!;
      if (MARK.test(next)) {
        out += chars[++k];
        continue;
      }
      const sign = signs[next];
      if (!sign || (sign.bases && !sign.bases.includes(c.toLowerCase()))) break;
      if ((next === '.' || next === "'") && k + 2 < chars.length && !LETTER.test(chars[k + 2]!)) break;
      out += sign.mark;
      k++;
    }
  }
  return out;
}

function decodeViqrWord(word: string): string {
  const d = VIQR_D.exec(word);
  if (!d) return readSigns(word, VIQR_MARKS);
  return (word[0] === 'D' ? 'Đ' : 'đ') + readSigns(word.slice(d[0].length), VIQR_MARKS);
}

function replaceLookalikes(word: string): string {
  let w = '';
  for (const c of word) w += LATIN_LOOKALIKES[c] ?? c;
  if (!OTHER_SCRIPT.test(w)) return w;
  const letters = [...w].filter((c) => LETTER.test(c) && SPACING_MARKS[c] === undefined);
  const mixed = letters.some((c) => LATIN_LETTER.test(c));
  const allLookLatin = letters.every((c) => LATIN_LETTER.test(c) || SCRIPT_LOOKALIKES[c] !== undefined);
  if (!mixed && !allLookLatin) return w;
  let out = '';
  for (const c of w) out += SCRIPT_LOOKALIKES[c] ?? c;
  return out;
}

/** Marks that make another letter of the base (â ă ê ô ơ ư), with the bases they apply to. */
const LETTER_MARKS: Readonly<Record<string, string>> = Object.freeze({
  '\u0302': 'aeo',
  '\u0306': 'a',
  '\u031b': 'ou',
});
const STROKES = new Set(['\u0335', '\u0336']);

/** Per base: lookalike marks replaced, letter marks first, repeats dropped; marks with no base dropped. */
function orderMarks(text: string): string {
  const chars = [...text];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    let base = chars[i++]!;
    const marks: string[] = [];
    while (i < chars.length && MARK.test(chars[i]!)) marks.push(chars[i++]!);
    if (MARK.test(base)) continue;
    if (base === ' ') {
      out += base;
      continue;
    }
    const lower = base.toLowerCase();
    const letterMarks: string[] = [];
    const others: string[] = [];
    for (let m of marks) {
      if (m === '\u0342') m = '\u0303';
      if (m === '\u030c' && lower === 'a') m = '\u0306';
      if (STROKES.has(m) && lower === 'd') {
        base = base === 'd' ? 'đ' : 'Đ';
        continue;
      }
      const list = LETTER_MARKS[m]?.includes(lower) ? letterMarks : others;
      if (!list.includes(m)) list.push(m);
    }
    out += base + letterMarks.join('') + others.join('');
  }
  return out;
}

/** Spacing accents that NFKD would turn into a space and a mark: kept as they are until they are read. */
const KEEP_SPACING = /[^\u00b4\u02d8\u02dc\u0384]+/gu;

/** The canonical form of a Vietnamese name or search text; see the file comment. */
export function canonicalVietnamese(text: string): string {
  if (CLEAN.test(text) && !NEEDS_WORK.test(text)) return text;
  const spaced = text
    .normalize('NFD')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(KEEP_SPACING, (run) => run.normalize('NFKD'))
    .replace(SPACES, ' ')
    .split(' ')
    .map(replaceLookalikes)
    .join(' ');
  // Spacing accents after a vowel become its marks; any other is dropped (a space would split a word).
  const words = readSigns(spaced, SPACING_MARKS).replace(SPACING, '').split(' ');
  const viqr = words.some((w) => VIQR_SIGN.test(w));
  return orderMarks((viqr ? words.map(decodeViqrWord) : words).join(' '))
    .normalize('NFC')
    .replace(/ {2,}/g, ' ')
    .trim();
}
