import { foldVietnamese } from '../../shared/text/fold';

/**
 * Names folded lately, with their words: an import derives a person's folded names and then its name words from
 * the same names, a thousand persons apart at most. Bounded in count (cleared when full) and in size: a name longer
 * than any form allows (an imported value may be a million characters) is folded every time, not kept.
 */
const folded = new Map<string, readonly string[]>();
const MAX_FOLDED = 5_000;
const MAX_NAME_CHARS = 200;

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
    if (text.length <= MAX_NAME_CHARS) {
      if (folded.size >= MAX_FOLDED) folded.clear();
      folded.set(text, words);
    }
  }
  return words;
}
