import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FacilityKind } from '../../../../shared/domain/rehab';
import { useProcedure } from '../../api/useProcedure';

/** A facility picked by name, with its occupancy against capacity. */
export function FacilitySelect(props: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  onBlur?: () => void;
  kinds?: readonly FacilityKind[];
  status?: 'error';
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation();
  const list = useProcedure('facilities.list', {});
  const { kinds, value, onChange, ...rest } = props;
  const options = (list.data ?? [])
    .filter((f) => !kinds || kinds.includes(f.kind))
    .map((f) => ({
      value: f.id,
      label: `${f.name} (${t('rehab.facility.occupancyShort', { occupancy: f.occupancy, capacity: f.capacity })})`,
    }));
  return (
    <Select
      {...rest}
      value={value || undefined}
      onChange={(v: string) => onChange(v)}
      loading={list.loading}
      placeholder={t('rehab.facility.choose')}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
