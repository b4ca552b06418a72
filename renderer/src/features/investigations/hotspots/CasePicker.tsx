import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../../../shared/contract';
import { useApi } from '../../../api/api-context';

interface CasePickerProps {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  status?: 'error';
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A case found by its number or a suspect's name or CCCD (cases.find, audited as a search). */
export function CasePicker({ value, onChange, ...rest }: CasePickerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CaseSummary[]>([]);
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    let current = true;
    const timer = setTimeout(() => {
      setSearching(true);
      void api.invoke('cases.find', { query: q, limit: 20 }).then((r) => {
        if (!current) return;
        setSearching(false);
        if (r.ok) setFound(r.value);
      });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query]);
  return (
    <Select
      {...rest}
      value={value || undefined}
      onChange={(v?: string) => onChange(v ?? '')}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder={t('investigations.hotspot.findCase')}
      notFoundContent={searching ? <Spin size="small" /> : t('investigations.cases.noMatch')}
      options={found.map((c) => ({ value: c.id, label: c.number }))}
    />
  );
}
