import { Checkbox, Input, Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { referralAdvanceSchema } from '../../../../../shared/contract/rehab';
import type { ReferralDossier } from '../../../../../shared/contract/rehab-types';
import type { ReferralState } from '../../../../../shared/domain/rehab';
import { useApi } from '../../../api/api-context';
import { applyRehabError } from '../rehab-errors';
import { Field } from '../../../components/Field';
import { contractResolver, fieldControl } from '../../persons/contract-resolver';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { useRehabAbilities } from '../abilities';
import { FacilitySelect } from '../FacilitySelect';
import { useRehabLabels } from '../labels';
import { RehabModalForm, useInvalidFocus } from '../RehabModalForm';

interface AdvanceForm {
  on: string;
  note: string;
  facilityId: string;
  reason: string;
  deferredUntil: string;
  capacityOverride: boolean;
}
const FIELDS = ['on', 'note', 'facilityId', 'reason', 'deferredUntil'] as const;
const orUndefined = (s: string) => (s.trim() ? s.trim() : undefined);

/**
 * One step of a referral, confirmed: its date, and what the step needs (a facility, a reason, the day a
 * deferral ends). The host checks the step again against the rules.
 */
export function AdvanceModal(props: {
  dossier: ReferralDossier;
  to: ReferralState;
  needs: readonly ('decision' | 'facility' | 'deferredUntil' | 'reason')[];
  onClose: () => void;
  onDone: (next: ReferralDossier) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const can = useRehabAbilities();
  const { formId, onInvalid } = useInvalidFocus();
  const r = props.dossier.referral;
  const needsFacility = props.needs.includes('facility');
  const needsReason = props.needs.includes('reason');
  const needsUntil = props.to === 'deferred' || props.needs.includes('deferredUntil');
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
  } = useForm<AdvanceForm, unknown, z.output<typeof referralAdvanceSchema>>({
    resolver: contractResolver(
      referralAdvanceSchema.superRefine((v, ctx) => {
        if (needsFacility && !v.facilityId) ctx.addIssue({ code: 'custom', path: ['facilityId'], message: 'required' });
        if (needsReason && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required' });
        if (needsUntil && !v.deferredUntil)
          ctx.addIssue({ code: 'custom', path: ['deferredUntil'], message: 'required' });
        if (v.on < r.stateOn) ctx.addIssue({ code: 'custom', path: ['on'], message: 'step_before_state' });
      }),
      (v: AdvanceForm) => ({
        referralId: r.id,
        to: props.to,
        on: v.on,
        note: v.note.trim() ? v.note.trim() : null,
        facilityId: needsFacility ? orUndefined(v.facilityId) : undefined,
        reason: needsReason ? orUndefined(v.reason) : undefined,
        deferredUntil: needsUntil ? orUndefined(v.deferredUntil) : undefined,
        capacityOverride: needsFacility && v.capacityOverride,
      }),
    ),
    defaultValues: {
      on: todayIso(),
      note: '',
      facilityId: r.facilityId ?? '',
      reason: '',
      deferredUntil: '',
      capacityOverride: false,
    },
  });
  const control = fieldControl(formControl);
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('referrals.advance', input);
    if (!res.ok) return applyRehabError(res.error, setError, FIELDS);
    props.onDone(res.value);
  }, onInvalid);
  const state = labels.referralState[props.to];
  return (
    <RehabModalForm
      title={t('rehab.advance.title', { state })}
      okText={t('rehab.advance.confirm')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
      danger={props.to === 'died' || props.to === 'absconded'}
    >
      <Typography.Paragraph>
        {t('rehab.advance.intro', { from: labels.referralState[r.state], to: state })}
      </Typography.Paragraph>
      <Field control={control} name="on" label={t('rehab.advance.on')} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
      {needsFacility ? (
        <Field control={control} name="facilityId" label={t('rehab.advance.facility')} required>
          {({ ref: _ref, ...f }) => <FacilitySelect {...f} />}
        </Field>
      ) : null}
      {needsFacility && can.lead ? (
        <Field control={control} name="capacityOverride" label={t('rehab.admit.override')}>
          {({ ref: _ref, value, onChange, id }) => (
            <Checkbox id={id} checked={value} onChange={(e) => onChange(e.target.checked)}>
              {t('rehab.admit.overrideHint')}
            </Checkbox>
          )}
        </Field>
      ) : null}
      {needsUntil ? (
        <Field control={control} name="deferredUntil" label={t('rehab.advance.deferredUntil')} required>
          {(f) => <DateField {...f} placeholder={t('rehab.datePlaceholder')} />}
        </Field>
      ) : null}
      {needsReason ? (
        <Field control={control} name="reason" label={t('rehab.advance.reason')} required>
          {(f) => <Input.TextArea {...f} rows={2} maxLength={500} />}
        </Field>
      ) : null}
      <Field control={control} name="note" label={t('rehab.advance.note')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
    </RehabModalForm>
  );
}
