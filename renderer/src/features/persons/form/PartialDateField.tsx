import { Button, Checkbox, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useController, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { DateField } from '../DateField';
import { birthDateSchema } from '../../../../../shared/contract';
import { dateTextIssue, yearOfText } from '../../../../../shared/text/typed-date';
import type { PersonFormValues } from './person-form';

/**
 * A date that may be known only by its year (births of older people, first use): a date picker, or a year
 * picker once "year only" is ticked. Switching keeps the year of a full date (or of typed text that is not a
 * date); four digits typed into the full-date picker offer "Chỉ biết năm" at once.
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
  const setYearOnly = (checked: boolean) => {
    yearOnly.field.onChange(checked);
    // A full date becomes its year; a year cannot become a date, so the field starts empty.
    date.field.onChange(checked ? yearOfText(date.field.value) : '');
  };
  // The box is being typed in: what it holds is not explained until it is left (the value follows each key).
  const [editing, setEditing] = useState(false);
  const value = date.field.value;
  // Read on every render: the form's state proxy follows only what a render has read.
  const error = date.fieldState.error;
  const typedYear = !yearOnly.field.value && /^\d{4}$/.test(value) ? value : null;
  const fits = yearOnly.field.value ? /^\d{4}$/.test(value) : /^\d{4}-\d{2}-\d{2}$/.test(value);
  // Typed text that is not a date is explained as soon as the field is left, before any save; after a save
  // the field's own error says the same, once.
  const issue =
    value && !editing && !error && !(fits && birthDateSchema.safeParse(value).success)
      ? yearOnly.field.value
        ? 'date_format'
        : dateTextIssue(value)
      : null;
  return (
    <Field
      control={props.control}
      name={props.name}
      label={props.label}
      required={props.required}
      extra={
        <Flex gap={8} wrap align="center">
          {issue ? (
            <Typography.Text type="danger" role="alert" style={{ flexBasis: '100%' }}>
              {t(`validation.${issue}`)}
            </Typography.Text>
          ) : null}
          <Checkbox checked={yearOnly.field.value} onChange={(e) => setYearOnly(e.target.checked)}>
            {t('persons.form.yearOnly')}
          </Checkbox>
          {typedYear ? (
            <Button size="small" type="primary" ghost onClick={() => setYearOnly(true)}>
              {t('persons.form.useYearOnly', { year: typedYear })}
            </Button>
          ) : null}
        </Flex>
      }
    >
      {(f) => (
        <DateField
          {...f}
          onFocus={() => setEditing(true)}
          onBlur={() => {
            setEditing(false);
            f.onBlur();
          }}
          picker={yearOnly.field.value ? 'year' : 'date'}
          notFuture
          placeholder={yearOnly.field.value ? t('persons.form.yearPlaceholder') : t('persons.form.datePlaceholder')}
        />
      )}
    </Field>
  );
}
