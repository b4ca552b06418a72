import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { communesOf, provinces } from '../../../shared/places';
import { foldVietnamese } from '../../../shared/text/fold';

/** Matches typed text without diacritics too: "tuyen quang" finds "Tuyên Quang", "minh xuan" "Phường Minh Xuân". */
function foldedMatch(input: string, option?: { label?: unknown }): boolean {
  return foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input));
}

interface PickerProps {
  id?: string;
  /** The code, or '' for none. */
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
  status?: '' | 'error' | 'warning';
  disabled?: boolean;
  allowClear?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
  style?: React.CSSProperties;
}

/** A province picked by its name from the official list (34 since 1/7/2025); the form holds its 2-digit code. */
export function ProvinceSelect({ value, onChange, ...rest }: PickerProps) {
  const { t } = useTranslation();
  const options = useMemo(() => provinces().map((p) => ({ value: p.code, label: p.name })), []);
  return (
    <Select
      {...rest}
      value={value || undefined}
      onChange={(v: string | undefined) => onChange(v ?? '')}
      showSearch={{ filterOption: foldedMatch }}
      placeholder={t('places.chooseProvince')}
      options={options}
    />
  );
}

/** A commune of the chosen province, picked by its name; disabled until a province is chosen. */
export function CommunePicker({ value, onChange, provinceCode, ...rest }: PickerProps & { provinceCode: string }) {
  const { t } = useTranslation();
  const options = useMemo(
    () => (provinceCode ? communesOf(provinceCode).map((c) => ({ value: c.code, label: c.name })) : []),
    [provinceCode],
  );
  return (
    <Select
      {...rest}
      disabled={rest.disabled || !provinceCode}
      value={value || undefined}
      onChange={(v: string | undefined) => onChange(v ?? '')}
      showSearch={{ filterOption: foldedMatch }}
      placeholder={provinceCode ? t('places.chooseCommune') : t('places.provinceFirst')}
      options={options}
    />
  );
}
