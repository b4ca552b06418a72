/**
 * Find provinces and communes by what a user types: "nam nen", "Nậm Nèn Điện Biên", "phuong ba dinh", "tuyen quang".
 *
 * Text is folded with foldVietnamese (diacritics, case and đ ignored). Every word typed must begin a word of
 * the place's name or of its province's name, so "an" finds "An Hội" but not "Lan"; a commune can be narrowed
 * by adding its province.
 */
import { foldVietnamese } from '../text/fold';
import { communesOf, provinces, type Commune, type Province } from './places';

export type PlaceMatch =
  | { readonly type: 'province'; readonly province: Province; readonly label: string }
  | { readonly type: 'commune'; readonly commune: Commune; readonly province: Province; readonly label: string };

export interface SearchPlacesOptions {
  /** Only communes of this province (and not the provinces themselves). */
  readonly provinceCode?: string;
  /** At most this many matches, best first (default 20). */
  readonly limit?: number;
}

interface Entry {
  readonly match: PlaceMatch;
  /** Folded short name ("nam nen"), for exact and prefix ranking. */
  readonly short: string;
  /** Folded words of the place's own name, kind included ("xa", "nam", "nen"). */
  readonly own: readonly string[];
  /** Folded words of the province a commune lies in; empty for a province. */
  readonly parent: readonly string[];
}

let entries: readonly Entry[] | undefined;

function words(text: string): string[] {
  return foldVietnamese(text.replace(/[^\p{L}\p{M}\p{N}]+/gu, ' '))
    .split(' ')
    .filter(Boolean);
}

function buildEntries(): readonly Entry[] {
  const list: Entry[] = [];
  for (const p of provinces()) {
    list.push({
      match: { type: 'province', province: p, label: p.name },
      short: words(p.shortName).join(' '),
      own: words(p.name),
      parent: [],
    });
    const parent = words(p.name);
    for (const c of communesOf(p.code)) {
      list.push({
        match: { type: 'commune', commune: c, province: p, label: `${c.name}, ${p.name}` },
        short: words(c.shortName).join(' '),
        own: words(c.name),
        parent,
      });
    }
  }
  return list;
}

/** Lower is better: 0 the short name exactly, 1 the short name's start, 2 the place's own name, 3 with its province. */
function rank(entry: Entry, query: string, tokens: readonly string[]): number | undefined {
  const inOwn = (t: string) => entry.own.some((w) => w.startsWith(t));
  const inParent = (t: string) => entry.parent.some((w) => w.startsWith(t));
  if (!tokens.every((t) => inOwn(t) || inParent(t))) return undefined;
  if (entry.short === query) return 0;
  if (entry.short.startsWith(query)) return 1;
  return tokens.every(inOwn) ? 2 : 3;
}

export function searchPlaces(text: string, options: SearchPlacesOptions = {}): PlaceMatch[] {
  const tokens = words(text);
  if (tokens.length === 0) return [];
  const query = tokens.join(' ');
  entries ??= buildEntries();
  const collator = new Intl.Collator('vi');
  const found: { entry: Entry; rank: number }[] = [];
  for (const entry of entries) {
    if (options.provinceCode !== undefined) {
      if (entry.match.type !== 'commune' || entry.match.province.code !== options.provinceCode) continue;
    }
    const r = rank(entry, query, tokens);
    if (r !== undefined) found.push({ entry, rank: r });
  }
  found.sort(
    (a, b) =>
      a.rank - b.rank ||
      // A province before a commune of the same name ("Tuyên Quang" the province, then the ward).
      (a.entry.match.type === 'province' ? 0 : 1) - (b.entry.match.type === 'province' ? 0 : 1) ||
      collator.compare(a.entry.match.label, b.entry.match.label),
  );
  return found.slice(0, options.limit ?? 20).map((f) => f.entry.match);
}
