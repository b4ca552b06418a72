import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { formatPartialDate } from '../persons/format';

/** "Hà Văn Tám · 1988 · 008088001234": enough to tell two people apart, no more. */
export function personLine(p: Pick<PersonSummary, 'fullName' | 'birthDate' | 'citizenId'>): string {
  return [p.fullName, formatPartialDate(p.birthDate), p.citizenId].filter(Boolean).join(' · ');
}

interface PersonPickerProps {
  id?: string;
  mode?: 'multiple';
  value: string[] | string;
  onChange: (value: never) => void;
  onBlur?: () => void;
  /** Labels of the persons already chosen (from the record being edited). */
  known?: readonly Pick<PersonSummary, 'id' | 'fullName' | 'birthDate' | 'citizenId'>[];
  status?: 'error';
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * A person of the registry, found by name or CCCD as one types (persons.search, the caller's scope). Only
 * summaries cross: opening a file is a separate, audited act.
 */
export function PersonPicker({ value, onChange, known, mode, placeholder, ...rest }: PersonPickerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PersonSummary[]>([]);
  const [searching, setSearching] = useState(false);
  // Labels of every person seen, so that chosen ones keep their name once the search moves on.
  const [seen, setSeen] = useState<Readonly<Record<string, string>>>(() =>
    Object.fromEntries((known ?? []).map((p) => [p.id, personLine(p)])),
  );

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      setSearching(true);
      const digits = /^\d{3,12}$/.test(q);
      void api.invoke('persons.search', digits ? { citizenId: q, limit: 20 } : { query: q, limit: 20 }).then((r) => {
        if (!current) return;
        setSearching(false);
        if (r.ok) {
          setSeen((s) => ({ ...s, ...Object.fromEntries(r.value.items.map((p) => [p.id, personLine(p)])) }));
          setFound(r.value.items);
        }
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query]);

  const chosen = useMemo(() => [value].flat().filter(Boolean), [value]);
  const options = useMemo(() => {
    const ids = new Set(found.map((p) => p.id));
    return [
      ...chosen
        .filter((i) => !ids.has(i))
        .map((i) => ({ value: i, label: seen[i] ?? t('investigations.person.linked') })),
      ...found.map((p) => ({ value: p.id, label: personLine(p) })),
    ];
  }, [found, chosen, seen, t]);

  return (
    <Select
      {...rest}
      mode={mode}
      value={mode ? chosen : chosen[0]}
      onChange={(v: string | string[] | undefined) => {
        setQuery('');
        onChange((mode ? (v ?? []) : (v ?? '')) as never);
      }}
      showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
      notFoundContent={
        searching ? (
          <Spin size="small" />
        ) : query.trim().length < 2 ? (
          t('investigations.person.typeToSearch')
        ) : (
          t('investigations.person.none')
        )
      }
      placeholder={placeholder ?? t('investigations.person.search')}
      options={options}
      allowClear
    />
  );
}
