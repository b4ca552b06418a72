import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalVietnamese } from '../../shared/text/canonical';
import { foldVietnamese } from '../../shared/text/fold';

/** Real lookalike forms met in Vietnamese text (input, what it stands for). */
const LOOKALIKES: readonly (readonly [string, string, string])[] = [
  [
    'NFD (decomposed, macOS file names, "Unicode tổ hợp")',
    'Nguye\u0302\u0303n Va\u0306n \u0110u\u031b\u0301c',
    'Nguyễn Văn Đức',
  ],
  ['Windows-1258: precomposed letter + combining tone', 'Nguy\u00ea\u0303n Th\u01a1\u0300i', 'Nguyễn Thời'],
  ['tone typed before the circumflex (not canonically equivalent)', 'Tra\u0300\u0302n', 'Trần'],
  ['tone typed before the breve', 'Ha\u0301\u0306c', 'Hắc'],
  ['tone before the horn, dot below first', 'Tru\u031bo\u0323\u031bng', 'Trượng'],
  ['a mark typed twice', 'Le\u0302\u0302', 'Lê'],
  ['U+0340 / U+0341 tone marks', 'Ho\u0340a Thu\u0341y', 'Hòa Thúy'],
  ['U+0342 perispomeni for the tilde', 'Vu\u0342', 'Vũ'],
  ['eth Ð for Đ (old web pages, Latin-1 fonts)', '\u00d0\u1eb7ng Th\u1ecb Thu', 'Đặng Thị Thu'],
  ['eth ð for đ', 'Ph\u1ea1m V\u0103n \u00f0\u1ee9c', 'Phạm Văn đức'],
  ['African D Ɖ for Đ', '\u0189\u00e0o Duy T\u00f9ng', 'Đào Duy Tùng'],
  ['d with a combining stroke', 'D\u0335inh d\u0336\u1ee9c', 'Đinh đức'],
  ['caron for breve (pinyin input method)', 'Nguy\u1ec5n V\u01ce\u006e', 'Nguyễn Văn'],
  ['capital A caron', '\u01cdn', 'Ăn'],
  ['dotless i', 'Nguy\u1ec5n Th\u0131 Mai', 'Nguyễn Thi Mai'],
  ['Cyrillic а е о р с у х in a Latin word', 'Ngu\u0443\u0435n \u0422h\u0456 H\u043e\u0430', 'Nguyen Thi Hoa'],
  ['Cyrillic e with a circumflex and tone', 'Nguy\u0435\u0302\u0303n', 'Nguyễn'],
  ['a word all in Cyrillic lookalikes', '\u041d\u043e', 'Ho'],
  ['Greek capitals', '\u039d\u0397\u039f', 'NHO'],
  ['fullwidth letters (East Asian input method)', '\uff2e\uff47\uff55\uff59\uff45\uff4e', 'Nguyen'],
  ['fullwidth with combining tone', '\uff41\u0301', 'á'],
  ['zero-width joiner and space inside a word', 'Ngu\u200dy\u200b\u1ec5n', 'Nguyễn'],
  ['soft hyphen, BOM, word joiner, direction mark', '\ufeffL\u00ad\u00ea\u2060 Th\u200e\u1ecb', 'Lê Thị'],
  ['variation selector', 'An\ufe0fh', 'Anh'],
  [
    'no-break, en, ideographic spaces; runs of spaces',
    '\u00a0L\u00ea\u2002 \u3000Th\u1ecb\u202fB\u00e9  ',
    'Lê Thị Bé',
  ],
  ['spacing acute after a vowel', 'Tha\u00b4i', 'Thái'],
  ['modifier letter grave / acute', 'Hoa\u02cb Bi\u0300nh Hu\u02ca', 'Hoà Bình Hú'],
  ['spacing tilde, circumflex and breve', 'Nguye\u02c6\u02dcn Va\u02d8n', 'Nguyễn Văn'],
  ['VIQR', "Nguye^~n Va(n DDu+'c", 'Nguyễn Văn Đức'],
  ['VIQR: hook, grave, dot below, horn on two vowels', 'Ha?i Tra^`n Thi. Hu+o+ng', 'Hải Trần Thị Hương'],
  ['VIQR: d- for đ', 'd-a(ng', 'đăng'],
  ['VIQR in lower case with dd', 'ddi`nh', 'đình'],
  ['not VIQR: dd alone (folding makes it of Đđ)', 'DDinh', 'DDinh'],
  ['VIQR: a sign in one word makes the others VIQR too', "DDu+'c Tra^`n", 'Đức Trần'],
];

/** Text that must come out exactly as it went in. */
const UNCHANGED = [
  'Nguyễn Văn Đức',
  'Trần Thị Ngọc Ánh',
  'ĐẶNG THỊ ÁNH',
  "O'Brien",
  'Hoà Thuỷ',
  'Hòa Thủy',
  'Hà Nội',
  'Thị Ngọc Hà.',
  'Иван Петров',
  'Σωκράτης',
  '001090012345',
  'H\u00e3o',
];

describe('canonicalVietnamese', () => {
  it.each(LOOKALIKES)('%s', (_what, input, expected) => {
    expect(canonicalVietnamese(input)).toBe(expected);
    expect(foldVietnamese(input)).toBe(foldVietnamese(expected));
    expect(canonicalVietnamese(expected)).toBe(expected);
  });

  it('leaves clean text, real Cyrillic and Greek, both tone placements and apostrophes alone', () => {
    for (const text of UNCHANGED) expect(canonicalVietnamese(text), text).toBe(text);
    expect(foldVietnamese('Hoà Thuỷ')).toBe(foldVietnamese('Hòa Thủy'));
  });

  it('returns NFC', () => {
    for (const [, input] of LOOKALIKES) {
      const c = canonicalVietnamese(input);
      expect(c.normalize('NFC')).toBe(c);
    }
  });
});

// Names built from Vietnamese syllables, as in sort-key.test.ts.
const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'kh', 'l', 'm', 'n', 'ng', 'nh', 'ph', 'qu'];
const MORE_ONSETS = ['r', 's', 't', 'th', 'tr', 'v', 'x'];
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'ia', 'iê', 'uô', 'ươ', 'oa', 'uy', 'ai'];
const FINALS = ['', '', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'];
const TONE_MARKS = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

const syllable = fc
  .tuple(
    fc.constantFrom(...ONSETS, ...MORE_ONSETS),
    fc.constantFrom(...VOWELS),
    fc.constantFrom(...FINALS),
    fc.constantFrom(...TONE_MARKS),
    fc.constantFrom<(s: string) => string>(
      (s) => s.charAt(0).toUpperCase() + s.slice(1),
      (s) => s.toUpperCase(),
      (s) => s,
    ),
  )
  .map(([onset, vowel, final, tone, casing]) => {
    const letters = [...vowel];
    const at = letters.length >= 2 ? 1 : 0;
    letters[at] = (letters[at]! + tone).normalize('NFC');
    return casing(onset + letters.join('') + final).normalize('NFC');
  });

const nameArb = fc.array(syllable, { minLength: 2, maxLength: 4 }).map((s) => s.join(' '));

const LETTER_MARKS = /[\u0302\u0306\u031b]/;
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/;

/** One lookalike rewrite of a whole word; each keeps what the word stands for. */
type Rewrite = (word: string, pick: number) => string;

const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', y: 'у', x: 'х', i: 'і', H: 'Н' };
const VIQR_LETTER: Record<string, string> = { '\u0302': '^', '\u0306': '(', '\u031b': '+' };
const VIQR_TONE: Record<string, string> = { '\u0300': '`', '\u0301': "'", '\u0303': '~', '\u0309': '?', '\u0323': '.' };

function viqr(word: string): string {
  let out = '';
  for (const ch of word.normalize('NFC')) {
    if (ch === 'đ' || ch === 'Đ') {
      out += ch === 'đ' ? 'dd' : 'DD';
      continue;
    }
    const [base, ...marks] = [...ch.normalize('NFD')];
    out += base;
    out += marks
      .filter((m) => LETTER_MARKS.test(m))
      .map((m) => VIQR_LETTER[m])
      .join('');
    out += marks
      .filter((m) => TONES.test(m))
      .map((m) => VIQR_TONE[m])
      .join('');
  }
  return out;
}

const REWRITES: readonly Rewrite[] = [
  (w) => w.normalize('NFD'),
  // Tone before the letter's own mark.
  (w) =>
    [...w.normalize('NFD')]
      .join('')
      .replace(/([\u0302\u0306\u031b])(\u0323?)([\u0300\u0301\u0303\u0309\u0323])/gu, '$3$2$1'),
  // Windows-1258 style: letters with their own marks precomposed, tones combining.
  (w) =>
    w
      .normalize('NFD')
      .replace(
        /(\P{M})(\p{M}*)/gu,
        (_, base: string, marks: string) =>
          (base + marks.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '')).normalize('NFC') +
          marks.replace(/[^\u0300\u0301\u0303\u0309\u0323]/g, ''),
      ),
  (w) => w.replace(/đ/g, 'ð').replace(/Đ/g, 'Ð'),
  (w, k) => w.replace(/Đ/g, k % 2 ? '\u0189' : 'D\u0335').replace(/đ/g, k % 2 ? '\u0256' : 'd\u0336'),
  (w) =>
    w
      .normalize('NFD')
      .replace(/\u0301/g, '\u0341')
      .replace(/\u0300/g, '\u0340')
      .replace(/\u0303/g, '\u0342'),
  (w) => w.normalize('NFD').replace(/([aA])\u0306/g, '$1\u030c'),
  (w, k) => {
    const chars = [...w];
    chars.splice(
      1 + (k % Math.max(1, chars.length - 1)),
      0,
      ['\u200d', '\u200b', '\u00ad', '\ufeff', '\u2060'][k % 5]!,
    );
    return chars.join('');
  },
  (w) =>
    [...w.normalize('NFD')]
      .map((c) => (/[A-Za-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
      .join(''),
  (w, k) => [...w.normalize('NFD')].map((c, i) => ((i + k) % 2 === 0 ? (CYRILLIC[c] ?? c) : c)).join(''),
  (w) => {
    // From the word as spelled (not after another rewrite); only text with an unambiguous VIQR sign is read
    // as VIQR (an apostrophe or a full stop alone may be punctuation), so the word brings one along.
    if (!CLEAN_WORD.test(w)) return w;
    const v = viqr(w);
    return /[\^(+`?~]/.test(v) ? v : w;
  },
];

const CLEAN_WORD = /^[a-zA-Z\u00c0-\u1ef9]+$/u;

const SPACES = [' ', '\u00a0', '\u2002', '\u3000', '  ', ' \u200b'];

/** A name written with any sequence of lookalike rewrites per word and any kind of space between words. */
const disguised = nameArb.chain((name) =>
  fc
    .tuple(
      fc.array(fc.array(fc.tuple(fc.nat(REWRITES.length - 1), fc.nat(20)), { maxLength: 3 }), {
        minLength: 4,
        maxLength: 4,
      }),
      fc.array(fc.constantFrom(...SPACES), { minLength: 4, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([perWord, spaces, padded]) => {
      const words = name.split(' ').map((w, i) => perWord[i]!.reduce((acc, [r, k]) => REWRITES[r]!(acc, k), w));
      const text = words.map((w, i) => (i ? spaces[i]! : '') + w).join('');
      return { name, text: padded ? `\u00a0${text} ` : text };
    }),
);

describe('canonicalVietnamese properties', () => {
  it('any lookalike writing of a name has the canonical form and the folded key of the name itself', () => {
    fc.assert(
      fc.property(disguised, ({ name, text }) => {
        expect(canonicalVietnamese(name)).toBe(name);
        expect(canonicalVietnamese(text)).toBe(name);
        expect(foldVietnamese(text)).toBe(foldVietnamese(name));
      }),
      { numRuns: 3000 },
    );
  });

  const tricky = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          ..."aAeEoOuUdDyi ^(+`?~'.-",
          'đ',
          'ð',
          'Ð',
          '\u0300',
          '\u0301',
          '\u0302',
          '\u0306',
          '\u030c',
          '\u031b',
          '\u0323',
          '\u0335',
          '\u0342',
          '\u00b4',
          '\u02dc',
          '\u02c6',
          '\u00a0',
          '\u200d',
          '\u00ad',
          'а',
          'о',
          'Һ',
          'и',
          '\uff41',
          '\uff3e',
        ),
        fc.string({ unit: 'binary', maxLength: 2 }),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(''));

  it('is idempotent, and so is the folding, on any text', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const c = canonicalVietnamese(text);
        expect(canonicalVietnamese(c)).toBe(c);
        const f = foldVietnamese(text);
        expect(foldVietnamese(f)).toBe(f);
        expect(foldVietnamese(c)).toBe(f);
      }),
      { numRuns: 5000 },
    );
  });
});
