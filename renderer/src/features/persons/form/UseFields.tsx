import { Col, Row, Select } from 'antd';
import type { Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { UnitView } from '../../../../../shared/contract';
import { SUBSTANCE_LIST } from '../../../../../shared/domain/persons';
import { Field } from '../../../components/Field';
import { usePersonLabels } from '../labels';
import { PartialDateField } from './PartialDateField';
import type { PersonFormValues } from './person-form';

/** Substances used, when use began, and the unit that owns the file. */
export function UseFields({ control, units }: { control: Control<PersonFormValues>; units: readonly UnitView[] }) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Field control={control} name="substances" label={t('persons.fields.substances')}>
          {({ ref: _ref, ...f }) => (
            <Select
              {...f}
              mode="multiple"
              allowClear
              placeholder={t('persons.form.substancesPlaceholder')}
              options={SUBSTANCE_LIST.map((s) => ({ value: s, label: labels.substance[s] }))}
            />
          )}
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <PartialDateField
          control={control}
          name="firstUseDate"
          yearOnlyName="firstUseYearOnly"
          label={t('persons.fields.firstUseDate')}
        />
      </Col>
      <Col xs={24} md={12}>
        <Field control={control} name="unitId" label={t('persons.fields.unit')} extra={t('persons.form.unitHint')}>
          {({ ref: _ref, ...f }) => (
            <Select
              {...f}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                { value: '', label: t('persons.form.noUnit') },
                ...units.map((u) => ({ value: u.id, label: u.name })),
              ]}
            />
          )}
        </Field>
      </Col>
    </Row>
  );
}
