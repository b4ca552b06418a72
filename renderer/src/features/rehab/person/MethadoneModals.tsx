import { Input, Select, Typography } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { methadoneStartSchema } from '../../../../../shared/contract/rehab';
import type { MethadoneView } from '../../../../../shared/contract/rehab-types';
import { METHADONE_STOP_REASON_LIST, type MethadoneStopReason } from '../../../../../shared/domain/rehab';
import { useApi } from '../../../api/api-context';
import { Field } from '../../../components/Field';
import { formatDate } from '../../../i18n/dates';
import { contractResolver, fieldControl } from '../../persons/contract-resolver';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { FacilitySelect } from '../FacilitySelect';
import { useRehabLabels } from '../labels';
import { applyRehabError } from '../rehab-errors';
import { RehabModalForm, useInvalidFocus } from '../RehabModalForm';

interface StartForm {
  clinicId: string;
  startedOn: string;
  notes: string;
}
const START_FIELDS = ['clinicId', 'startedOn', 'notes'] as const;

/**
 * Starts methadone (opioid substitution) at a clinic: the clinic and the first day; no dosing is recorded. The
 * start meets the 5-working-day registration clock of a positive determination, and the person's category
 * becomes "on substitution treatment".
 */
export function MethadoneStartModal(props: {
  personId: string;
  name: string;
  onClose: () => void;
  onDone: (m: MethadoneView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { formId, onInvalid } = useInvalidFocus();
  const {
    control: fc,
    handleSubmit,
    setError,
    formState,
  } = useForm<StartForm, unknown, z.output<typeof methadoneStartSchema>>({
    resolver: contractResolver(
      methadoneStartSchema.superRefine((v, ctx) => {
        if (v.startedOn > todayIso()) ctx.addIssue({ code: 'custom', path: ['startedOn'], message: 'date_in_future' });
      }),
      (v: StartForm) => ({
        personId: props.personId,
        clinicId: v.clinicId,
        startedOn: v.startedOn,
        notes: v.notes.trim() ? v.notes.trim() : null,
      }),
    ),
    defaultValues: { clinicId: '', startedOn: todayIso(), notes: '' },
  });
  const control = fieldControl(fc);
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('methadone.start', input);
    if (!res.ok) return applyRehabError(res.error, setError, START_FIELDS);
    props.onDone(res.value);
  }, onInvalid);
  return (
    <RehabModalForm
      title={t('rehab.methadone.startTitle', { name: props.name })}
      okText={t('rehab.methadone.startSave')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Typography.Paragraph>{t('rehab.methadone.startIntro')}</Typography.Paragraph>
      <Field control={control} name="clinicId" label={t('rehab.methadone.clinic')} required>
        {({ ref: _ref, ...f }) => <FacilitySelect {...f} kinds={['methadone_clinic']} />}
      </Field>
      <Field control={control} name="startedOn" label={t('rehab.methadone.startedOn')} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
      <Field control={control} name="notes" label={t('rehab.start.notes')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
    </RehabModalForm>
  );
}

export type MethadoneStep = 'pause' | 'resume' | 'transfer' | 'stop';

interface StepForm {
  on: string;
  clinicId: string;
  reason: MethadoneStopReason | '';
}
const STEP_FIELDS = ['on', 'clinicId', 'reason'] as const;

/** The form's own check (the host checks again): the date, the new clinic, the reason for stopping. */
const stepSchema = (step: MethadoneStep, since: string, clinicId: string) =>
  z
    .object({
      on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' }),
      clinicId: z.string(),
      reason: z.string(),
    })
    .superRefine((v, ctx) => {
      if (v.on < since) ctx.addIssue({ code: 'custom', path: ['on'], message: 'date_before_previous' });
      if (v.on > todayIso()) ctx.addIssue({ code: 'custom', path: ['on'], message: 'date_in_future' });
      if (step === 'transfer' && !v.clinicId)
        ctx.addIssue({ code: 'custom', path: ['clinicId'], message: 'clinic_required' });
      if (step === 'transfer' && v.clinicId === clinicId)
        ctx.addIssue({ code: 'custom', path: ['clinicId'], message: 'facility_kind_mismatch' });
      if (step === 'stop' && !v.reason)
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'methadone_stop_reason_invalid' });
    });

/**
 * One step of a methadone episode: pause, resume, transfer to another clinic (this episode ends "transferred"
 * and one opens there), or stop with the reason (the category then no longer says "on substitution").
 */
export function MethadoneStepModal(props: {
  episode: MethadoneView;
  step: MethadoneStep;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const { formId, onInvalid } = useInvalidFocus();
  const m = props.episode;
  const { step } = props;
  const {
    control: fc,
    handleSubmit,
    setError,
    formState,
  } = useForm<StepForm, unknown, { on: string; clinicId: string; reason: string }>({
    resolver: contractResolver(stepSchema(step, m.statusOn, m.clinicId), (v: StepForm) => v),
    defaultValues: { on: todayIso(), clinicId: '', reason: '' },
  });
  const control = fieldControl(fc);
  const reason = useWatch({ control: fc, name: 'reason' });
  const submit = handleSubmit(async (v) => {
    const res =
      step === 'stop'
        ? await api.invoke('methadone.stop', {
            methadoneId: m.id,
            on: v.on,
            reason: v.reason as MethadoneStopReason,
          })
        : await api.invoke('methadone.update', {
            methadoneId: m.id,
            on: v.on,
            ...(step === 'transfer'
              ? { clinicId: v.clinicId }
              : { status: step === 'pause' ? ('paused' as const) : ('treating' as const) }),
          });
    if (!res.ok) return applyRehabError(res.error, setError, STEP_FIELDS);
    props.onDone();
  }, onInvalid);
  return (
    <RehabModalForm
      title={t(`rehab.methadone.${step}Title`)}
      okText={t(`rehab.methadone.${step}Save`)}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
      danger={step === 'stop'}
    >
      <Typography.Paragraph>
        {t('rehab.methadone.current', { status: labels.methadoneStatus[m.status], date: formatDate(m.statusOn) })}
      </Typography.Paragraph>
      {step === 'transfer' ? (
        <Field control={control} name="clinicId" label={t('rehab.methadone.newClinic')} required>
          {({ ref: _ref, ...f }) => <FacilitySelect {...f} kinds={['methadone_clinic']} />}
        </Field>
      ) : null}
      {step === 'stop' ? (
        <Field control={control} name="reason" label={t('rehab.methadone.reason')} required>
          {({ ref: _ref, value, onChange, id, ...f }) => (
            <Select
              id={id}
              value={value || undefined}
              onChange={(x: string) => onChange(x)}
              status={f.status}
              aria-invalid={f['aria-invalid']}
              aria-describedby={f['aria-describedby']}
              placeholder={t('rehab.methadone.reasonChoose')}
              options={METHADONE_STOP_REASON_LIST.map((r) => ({ value: r, label: labels.methadoneStopReason[r] }))}
            />
          )}
        </Field>
      ) : null}
      <Field control={control} name="on" label={t(`rehab.methadone.${step}On`)} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
      {step === 'stop' && reason === 'completed' ? (
        <Typography.Paragraph type="secondary">{t('rehab.methadone.completedNote')}</Typography.Paragraph>
      ) : null}
    </RehabModalForm>
  );
}
