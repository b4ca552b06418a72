import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { communesOf, provinces } from '../../../../shared/places';
import { foldedFilter } from '../persons/list/PersonSearchBar';

interface CommuneSelectProps {
  id?: string;
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
  /** The communes of this province; every commune (named with its province) when unknown. */
  provinceCode: string | null;
  status?: 'error';
  allowClear?: boolean;
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

/** A commune picked by its name (diacritics optional when typing: "minh xuan" finds "Phường Minh Xuân"). */
export function CommuneSelect({ value, onChange, provinceCode, placeholder, ...rest }: CommuneSelectProps) {
  const { t } = useTranslation();
  const options = useMemo(
    () =>
      provinceCode
        ? communesOf(provinceCode).map((c) => ({ value: c.code, label: c.name }))
        : provinces().flatMap((p) => communesOf(p.code).map((c) => ({ value: c.code, label: `${c.name}, ${p.name}` }))),
    [provinceCode],
  );
  return (
    <Select
      {...rest}
      value={value || undefined}
      onChange={(v: string | undefined) => onChange(v ?? '')}
      showSearch={{ filterOption: foldedFilter }}
      placeholder={placeholder ?? t('investigations.common.chooseCommune')}
      options={options}
    />
  );
}
