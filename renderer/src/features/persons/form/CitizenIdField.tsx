import { Alert, Input, Typography } from 'antd';
import { useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { checkCitizenId, citizenIdProvinceName } from '../../../../../shared/validation/citizen-id';
import { Field } from '../../../components/Field';
import { usePersonLabels } from '../labels';
import type { PersonFormValues } from './person-form';

/** The CCCD check against what the form says now: errors block, warnings need a reason. */
export function useCitizenIdCheck(control: Control<PersonFormValues>) {
  const [citizenId, sex, birthDate] = useWatch({ control, name: ['citizenId', 'sex', 'birthDate'] });
  const id = citizenId.replace(/\s+/g, '');
  // Judged only once the number is complete: half-typed digits are not yet wrong.
  if (id.length !== 9 && id.length !== 12) return null;
  return checkCitizenId(id, { sex: sex || null, birthDate });
}

/**
 * The citizen ID with what its digits say (sex, birth year, province of registration) and, as the user
 * types, warnings when they disagree with the rest of the form. A warning is not a block: the reason field
 * appears, and the reason is kept with the record.
 */
export function CitizenIdField({ control }: { control: Control<PersonFormValues> }) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const check = useCitizenIdCheck(control);
  const decoded = check?.decoded;
  return (
    <>
      <Field
        control={control}
        name="citizenId"
        label={t('persons.fields.citizenId')}
        extra={
          decoded ? (
            <span data-testid="citizen-id-decoded">
              {t('persons.form.citizenIdSays', {
                sex: labels.sex[decoded.sex].toLowerCase(),
                year: decoded.birthYear,
                province: citizenIdProvinceName(decoded.provinceCode) ?? decoded.provinceCode,
              })}
            </span>
          ) : undefined
        }
        hint={decoded ? undefined : t('persons.form.citizenIdHint')}
      >
        {(f) => <Input {...f} inputMode="numeric" autoComplete="off" maxLength={14} className="persons-mono" />}
      </Field>
      {check && check.warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          title={t('persons.form.citizenIdWarningsTitle')}
          description={
            <ul className="persons-plain-list">
              {check.warnings.map((w) => (
                <li key={w}>{t(`validation.${w}`)}</li>
              ))}
              <li>
                <Typography.Text type="secondary">{t('persons.form.citizenIdWarningsHint')}</Typography.Text>
              </li>
            </ul>
          }
        />
      ) : null}
      {check && check.warnings.length > 0 ? (
        <Field
          control={control}
          name="citizenIdOverrideReason"
          label={t('persons.fields.citizenIdOverrideReason')}
          required
        >
          {(f) => (
            <Input.TextArea {...f} rows={2} maxLength={500} placeholder={t('persons.form.overridePlaceholder')} />
          )}
        </Field>
      ) : null}
    </>
  );
}
