import { canonicalVietnamese } from './canonical';
import { foldVietnamese } from './fold';

/**
 * Hints about a typed name, never corrections made behind the user's back: the letter case a Vietnamese name is
 * written in ("TRẦN THỊ MAI" → "Trần Thị Mai"), and a name with no diacritics at all ("nguyen van duc"), which
 * cannot be fixed without knowing the person (Đức? Dực?) and is only flagged.
 */
export interface NameHints {
  /** The name in Vietnamese letter case, when it differs from what was typed; null otherwise. */
  caseFixed: string | null;
  /** Every letter is plain Latin: the diacritics are probably missing. */
  noDiacritics: boolean;
}

/** Each word with a capital first letter and the rest in small letters ("mAI" → "Mai", "o'neil" → "O'neil"). */
export function vietnameseNameCase(name: string): string {
  return canonicalVietnamese(name)
    .split(' ')
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1).toLocaleLowerCase('vi'))
    .join(' ');
}

export function nameHints(typed: string): NameHints {
  const name = canonicalVietnamese(typed);
  if (name.length < 2 || !/\p{L}/u.test(name)) return { caseFixed: null, noDiacritics: false };
  const fixed = vietnameseNameCase(name);
  // Vietnamese names of two words or more carry at least one mark or đ in all but rare cases.
  const words = name.split(' ').length;
  const plain = foldVietnamese(name) === name.toLowerCase();
  return { caseFixed: fixed !== typed.trim() ? fixed : null, noDiacritics: words >= 2 && plain };
}
