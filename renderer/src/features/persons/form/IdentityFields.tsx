import { Col, Input, Radio, Row, Select } from 'antd';
import { useMemo } from 'react';
import type { Control, UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  educationLevelLabels,
  ETHNICITIES,
  occupationLabels,
  type EducationLevel,
  type Occupation,
} from '../../../../../shared/domain/ethnicities';
import { foldVietnamese } from '../../../../../shared/text/fold';
import { Field } from '../../../components/Field';
import { usePersonLabels } from '../labels';
import { CitizenIdField } from './CitizenIdField';
import { NameHint } from './NameHint';
import { PartialDateField } from './PartialDateField';
import type { PersonFormValues } from './person-form';

/** Names, sex, birth, citizen ID, ethnicity, schooling, work and a family contact. */
export function IdentityFields({
  control,
  setValue,
}: {
  control: Control<PersonFormValues>;
  setValue: UseFormSetValue<PersonFormValues>;
}) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const language = labels.language;
  const ethnicities = useMemo(
    () =>
      ETHNICITIES.map((e) => ({
        value: e.code,
        label: language === 'en' ? e.nameEn : e.name,
        // Searched by every spelling people write ("Hmong", "H'Mông"), without diacritics.
        search: foldVietnamese([e.name, e.nameEn, ...e.aliases].join(' ')),
      })),
    [language],
  );
  const educations = (Object.keys(educationLevelLabels) as EducationLevel[]).map((k) => ({
    value: k,
    label: educationLevelLabels[k][language],
  }));
  const occupations = (Object.keys(occupationLabels) as Occupation[]).map((k) => ({
    value: k,
    label: occupationLabels[k][language],
  }));
  const none = { value: '', label: t('persons.form.notKnown') };

  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Field
          control={control}
          name="fullName"
          label={t('persons.fields.fullName')}
          required
          extra={<NameHint control={control} setValue={setValue} />}
        >
          {(f) => <Input {...f} autoComplete="off" placeholder={t('persons.form.fullNamePlaceholder')} />}
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <Field
          control={control}
          name="otherNames"
          label={t('persons.fields.otherNames')}
          extra={t('persons.form.otherNamesHint')}
        >
          {(f) => <Input {...f} autoComplete="off" />}
        </Field>
      </Col>
      <Col xs={24} md={6}>
        <Field control={control} name="sex" label={t('persons.fields.sex')} required>
          {({ ref: _ref, id, onChange, value, ...f }) => (
            <Radio.Group
              {...f}
              id={id}
              aria-label={t('persons.fields.sex')}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              optionType="button"
              options={[
                { value: 'male', label: labels.sex.male },
                { value: 'female', label: labels.sex.female },
              ]}
            />
          )}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <PartialDateField
          control={control}
          name="birthDate"
          yearOnlyName="birthYearOnly"
          label={t('persons.fields.birthDate')}
          required
        />
      </Col>
      <Col xs={24} md={10}>
        <CitizenIdField control={control} />
      </Col>
      <Col xs={24} md={8}>
        <Field control={control} name="ethnicity" label={t('persons.fields.ethnicity')}>
          {({ ref: _ref, ...f }) => (
            <Select
              {...f}
              showSearch={{
                filterOption: (input, option) => Boolean(option?.search.includes(foldVietnamese(input))),
              }}
              options={[{ ...none, search: '' }, ...ethnicities]}
            />
          )}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <Field control={control} name="education" label={t('persons.fields.education')}>
          {({ ref: _ref, ...f }) => <Select {...f} options={[none, ...educations]} />}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        <Field control={control} name="occupation" label={t('persons.fields.occupation')}>
          {({ ref: _ref, ...f }) => <Select {...f} options={[none, ...occupations]} />}
        </Field>
      </Col>
      <Col xs={24}>
        <Field
          control={control}
          name="familyContact"
          label={t('persons.fields.familyContact')}
          extra={t('persons.form.familyContactHint')}
        >
          {(f) => <Input {...f} maxLength={300} autoComplete="off" />}
        </Field>
      </Col>
    </Row>
  );
}
