import { Checkbox, Typography } from 'antd';
import { useController, type Control, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AddressFields } from './AddressFields';
import type { PersonFormValues } from './person-form';

/** Permanent residence and, unless it is the same, current residence (which decides the commune in charge). */
export function ResidenceFields(props: {
  control: Control<PersonFormValues>;
  setValue: UseFormSetValue<PersonFormValues>;
}) {
  const { t } = useTranslation();
  const same = useController({ control: props.control, name: 'sameAddress' });
  return (
    <>
      <Typography.Title level={3} className="persons-subtitle">
        {t('persons.fields.permanentAddress')}
      </Typography.Title>
      <AddressFields control={props.control} setValue={props.setValue} name="permanentAddress" />
      <Typography.Title level={3} className="persons-subtitle">
        {t('persons.fields.currentAddress')}
      </Typography.Title>
      <Checkbox
        checked={same.field.value}
        onChange={(e) => same.field.onChange(e.target.checked)}
        style={{ marginBottom: same.field.value ? 0 : 12 }}
      >
        {t('persons.form.sameAddress')}
      </Checkbox>
      {same.field.value ? null : (
        <AddressFields control={props.control} setValue={props.setValue} name="currentAddress" />
      )}
    </>
  );
}
