import { Col, Input, Row, Select } from 'antd';
import { useMemo } from 'react';
import { useWatch, type Control, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { communesOf, provinces } from '../../../../../shared/places';
import { Field } from '../../../components/Field';
import { foldedFilter } from '../list/PersonSearchBar';
import type { PersonFormValues } from './person-form';

/**
 * One address: province, then one of its communes (the 34 provinces and 3,321 communes in force since
 * 1/7/2025), then the street line. Changing the province clears a commune that belongs to another.
 */
export function AddressFields(props: {
  control: Control<PersonFormValues>;
  setValue: UseFormSetValue<PersonFormValues>;
  name: 'permanentAddress' | 'currentAddress';
}) {
  const { t } = useTranslation();
  const { control, name } = props;
  const [provinceCode, street] = useWatch({ control, name: [`${name}.provinceCode`, `${name}.street`] });
  const provinceOptions = useMemo(() => provinces().map((p) => ({ value: p.code, label: p.name })), []);
  const communeOptions = useMemo(
    () => communesOf(provinceCode).map((c) => ({ value: c.code, label: c.name })),
    [provinceCode],
  );
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Field control={control} name={`${name}.provinceCode`} label={t('persons.fields.province')}>
          {({ ref: _ref, onChange, ...f }) => (
            <Select
              {...f}
              onChange={(v: string | undefined) => {
                onChange(v ?? '');
                props.setValue(`${name}.communeCode`, '', { shouldDirty: true });
              }}
              allowClear
              showSearch={{ filterOption: foldedFilter }}
              placeholder={t('persons.form.chooseProvince')}
              options={provinceOptions}
              value={f.value || undefined}
            />
          )}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <Field
          control={control}
          name={`${name}.communeCode`}
          label={t('persons.fields.commune')}
          required={Boolean(provinceCode && street.trim())}
        >
          {({ ref: _ref, onChange, ...f }) => (
            <Select
              {...f}
              onChange={(v: string | undefined) => onChange(v ?? '')}
              allowClear
              disabled={!provinceCode}
              showSearch={{ filterOption: foldedFilter }}
              placeholder={provinceCode ? t('persons.form.chooseCommune') : t('persons.form.provinceFirst')}
              options={communeOptions}
              value={f.value || undefined}
            />
          )}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <Field control={control} name={`${name}.street`} label={t('persons.fields.street')}>
          {(f) => <Input {...f} maxLength={200} placeholder={t('persons.form.streetPlaceholder')} />}
        </Field>
      </Col>
    </Row>
  );
}
