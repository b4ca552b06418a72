import { Select } from 'antd';
import type { FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ROLE_LIST } from '../../../shared/domain/roles';
import type { FieldControl } from './Field';

/** The role picker; each role is shown by its Vietnamese (or English) title, never its code. */
export function RoleSelect({ ref: _ref, ...field }: FieldControl<FieldValues, string>) {
  const { t } = useTranslation();
  return <Select {...field} options={ROLE_LIST.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />;
}
