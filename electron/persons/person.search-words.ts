import { foldVietnamese } from '../../shared/text/fold';

/**
 * Names folded lately, with their words: an import derives a person's folded names and then its name words from
 * the same names, a thousand persons apart at most. Bounded: cleared when full.
 */
const folded = new Map<string, readonly string[]>();
const MAX_FOLDED = 5_000;

/** Folded words of a name, as indexed and as searched: letters and digits only. Shared: never change the list. */
export function nameTokens(text: string): readonly string[] {
  let words = folded.get(text);
  if (words === undefined) {
    words = Object.freeze(
      foldVietnamese(text)
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()
        .split(' ')
        .filter(Boolean),
    );
    if (folded.size >= MAX_FOLDED) folded.clear();
    folded.set(text, words);
  }
  return words;
}
