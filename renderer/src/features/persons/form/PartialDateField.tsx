import { Checkbox } from 'antd';
import { useController, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { DateField } from '../DateField';
import type { PersonFormValues } from './person-form';

/**
 * A date that may be known only by its year (births of older people, first use): a date picker, or a year
 * picker once "year only" is ticked. Switching keeps the year of a full date.
 */
export function PartialDateField(props: {
  control: Control<PersonFormValues>;
  name: 'birthDate' | 'firstUseDate';
  yearOnlyName: 'birthYearOnly' | 'firstUseYearOnly';
  label: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const yearOnly = useController({ control: props.control, name: props.yearOnlyName });
  const date = useController({ control: props.control, name: props.name });
  return (
    <Field
      control={props.control}
      name={props.name}
      label={props.label}
      required={props.required}
      extra={
        <Checkbox
          checked={yearOnly.field.value}
          onChange={(e) => {
            yearOnly.field.onChange(e.target.checked);
            const v = date.field.value;
            // A full date becomes its year; a year cannot become a date, so the field starts empty.
            date.field.onChange(e.target.checked ? v.slice(0, 4) : '');
          }}
        >
          {t('persons.form.yearOnly')}
        </Checkbox>
      }
    >
      {(f) => (
        <DateField
          {...f}
          picker={yearOnly.field.value ? 'year' : 'date'}
          notFuture
          placeholder={yearOnly.field.value ? t('persons.form.yearPlaceholder') : t('persons.form.datePlaceholder')}
        />
      )}
    </Field>
  );
}
