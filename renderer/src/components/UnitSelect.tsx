import { Select } from 'antd';
import type { FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { UnitView } from '../../../shared/contract';
import type { FieldControl } from './Field';

/** The unit picker, with "no unit" as the empty choice (the form holds '' for it). */
export function UnitSelect({
  ref: _ref,
  units,
  ...field
}: FieldControl<FieldValues, string> & { units: readonly UnitView[] }) {
  const { t } = useTranslation();
  return (
    <Select
      {...field}
      showSearch={{ optionFilterProp: 'label' }}
      options={[
        { value: '', label: t('accounts.noUnit') },
        ...units.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` })),
      ]}
    />
  );
}
