import { Checkbox, Input, Typography } from 'antd';
import type { z } from 'zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { rehabContract } from '../../../../../shared/contract/rehab';
import type { StayView } from '../../../../../shared/contract/rehab-types';
import type { FacilityKind } from '../../../../../shared/domain/rehab/codes';
import { useApi } from '../../../api/api-context';
import { applyRehabError } from '../rehab-errors';
import { Field } from '../../../components/Field';
import { contractResolver, fieldControl } from '../../persons/contract-resolver';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { useRehabAbilities } from '../abilities';
import { FacilitySelect } from '../FacilitySelect';
import { RehabModalForm, useInvalidFocus } from '../RehabModalForm';

interface AdmitForm {
  facilityId: string;
  admittedOn: string;
  capacityOverride: boolean;
  note: string;
}
const FIELDS = ['facilityId', 'admittedOn', 'capacityOverride', 'note'] as const;
const admitSchema = rehabContract['stays.admit'].input;

/** Facilities a voluntary registration may be admitted to (not a methadone clinic). */
const VOLUNTARY_KINDS: readonly FacilityKind[] = ['voluntary_centre', 'public_compulsory', 'community_point'];

/**
 * Admission to a facility, of the person of a decided referral (a public compulsory centre) or of a voluntary
 * registration at a facility (not a methadone clinic): the day (not before the referral's current step or the
 * registration, not in the future), and for a leader, admitting beyond the facility's capacity. The host refuses
 * a full facility without that override, naming the field.
 */
export function AdmitModal(props: {
  /** Exactly one of referralId and voluntaryId. */
  referralId?: string;
  voluntaryId?: string;
  name: string;
  facilityId: string | null;
  notBefore: string;
  onClose: () => void;
  onDone: (stay: StayView) => void;
}) {
  const voluntary = props.voluntaryId !== undefined;
  const { t } = useTranslation();
  const api = useApi();
  const can = useRehabAbilities();
  const { formId, onInvalid } = useInvalidFocus();
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
  } = useForm<AdmitForm, unknown, z.output<typeof admitSchema>>({
    resolver: contractResolver(
      admitSchema.superRefine((v, ctx) => {
        if (v.admittedOn < props.notBefore)
          ctx.addIssue({
            code: 'custom',
            path: ['admittedOn'],
            message: voluntary ? 'admit_before_registration' : 'admit_before_decision',
          });
      }),
      (v: AdmitForm) => ({
        ...(voluntary ? { voluntaryId: props.voluntaryId } : { referralId: props.referralId }),
        facilityId: v.facilityId,
        admittedOn: v.admittedOn,
        capacityOverride: v.capacityOverride,
        note: v.note.trim() ? v.note.trim() : null,
      }),
    ),
    defaultValues: { facilityId: props.facilityId ?? '', admittedOn: todayIso(), capacityOverride: false, note: '' },
  });
  const control = fieldControl(formControl);
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('stays.admit', input);
    if (!res.ok) return applyRehabError(res.error, setError, FIELDS);
    props.onDone(res.value);
  }, onInvalid);
  return (
    <RehabModalForm
      title={t(voluntary ? 'rehab.admit.titleVoluntary' : 'rehab.admit.title', { name: props.name })}
      okText={t('rehab.admit.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Typography.Paragraph>{t(voluntary ? 'rehab.admit.introVoluntary' : 'rehab.admit.intro')}</Typography.Paragraph>
      <Field control={control} name="facilityId" label={t('rehab.admit.facility')} required>
        {({ ref: _ref, ...f }) => <FacilitySelect {...f} kinds={voluntary ? VOLUNTARY_KINDS : ['public_compulsory']} />}
      </Field>
      <Field control={control} name="admittedOn" label={t('rehab.admit.on')} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
      {can.lead ? (
        <Field control={control} name="capacityOverride" label={t('rehab.admit.override')}>
          {({ ref: _ref, value, onChange, id }) => (
            <Checkbox id={id} checked={value} onChange={(e) => onChange(e.target.checked)}>
              {t('rehab.admit.overrideHint')}
            </Checkbox>
          )}
        </Field>
      ) : null}
      <Field control={control} name="note" label={t('rehab.advance.note')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={500} />}
      </Field>
    </RehabModalForm>
  );
}
