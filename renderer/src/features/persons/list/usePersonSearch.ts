import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, PersonSearchResult } from '../../../../../shared/contract';
import type { ApiError } from '../../../../../shared/domain/errors';
import { useApi } from '../../../api/api-context';

export interface PersonFilters {
  text: string;
  communeCode: string;
  category: string;
  measureStatus: string;
}

export const NO_FILTERS: PersonFilters = { text: '', communeCode: '', category: '', measureStatus: '' };

/** The first page of results; "show all" and scrolling to the end ask for up to the contract's maximum. */
export const FIRST_PAGE = 200;
export const ALL_ROWS = 100_000;
const DEBOUNCE_MS = 250;

/** Digits alone are a citizen ID (or its beginning); anything else is a name. */
export function toSearchInput(f: PersonFilters, limit: number): InputOf<'persons.search'> {
  // The service reads digits as a citizen ID too (readSearchQuery); the screen sends the text as typed.
  return {
    query: f.text.trim(),
    ...(f.communeCode ? { communeCode: f.communeCode } : {}),
    ...(f.category ? { category: f.category as NonNullable<InputOf<'persons.search'>['category']> } : {}),
    ...(f.measureStatus
      ? { measureStatus: f.measureStatus as NonNullable<InputOf<'persons.search'>['measureStatus']> }
      : {}),
    limit,
  };
}

export interface PersonSearch {
  result: PersonSearchResult | null;
  error: ApiError | null;
  loading: boolean;
  /** The limit the shown result was asked with. */
  limit: number;
  showAll(): void;
}

/**
 * Search as the user types: the text waits a short moment (each search is also an audit entry, so not one
 * per keystroke), filters apply at once. Answers that arrive after a newer question are dropped.
 */
export function usePersonSearch(filters: PersonFilters, version: number): PersonSearch {
  const api = useApi();
  const [text, setText] = useState(filters.text);
  const [limit, setLimit] = useState(FIRST_PAGE);
  const [state, setState] = useState<{ result: PersonSearchResult | null; error: ApiError | null; asked: string }>({
    result: null,
    error: null,
    asked: '',
  });
  const latest = useRef(0);

  useEffect(() => {
    const timer = setTimeout(() => setText(filters.text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [filters.text]);

  const criteria = JSON.stringify({ ...filters, text });
  const [limitFor, setLimitFor] = useState(criteria);
  // New criteria start again from the first page.
  const effectiveLimit = limitFor === criteria ? limit : FIRST_PAGE;
  const key = `${criteria}#${effectiveLimit}#${version}`;

  const showAll = useCallback(() => {
    setLimitFor(criteria);
    setLimit(ALL_ROWS);
  }, [criteria]);

  useEffect(() => {
    const id = ++latest.current;
    const input = toSearchInput(JSON.parse(criteria) as PersonFilters, effectiveLimit);
    void api.invoke('persons.search', input).then((r) => {
      if (id !== latest.current) return;
      setState(r.ok ? { result: r.value, error: null, asked: key } : { result: null, error: r.error, asked: key });
    });
  }, [api, criteria, effectiveLimit, key]);

  return {
    result: state.result,
    error: state.error,
    loading: state.asked !== key || text !== filters.text,
    limit: effectiveLimit,
    showAll,
  };
}
