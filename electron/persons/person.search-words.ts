import { foldVietnamese } from '../../shared/text/fold';

/** Folded words of a name, as indexed and as searched: letters and digits only. */
export function nameTokens(text: string): string[] {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}
