import { Input, Select, Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { rehabContract } from '../../../../../shared/contract/rehab';
import type { StayView } from '../../../../../shared/contract/rehab-types';
import { STAY_STAGE_LIST, type StayIncident, type StayStage } from '../../../../../shared/domain/rehab';
import { useApi } from '../../../api/api-context';
import { applyRehabError } from '../rehab-errors';
import { Field } from '../../../components/Field';
import { formatDate } from '../../../i18n/dates';
import { contractResolver, fieldControl } from '../../persons/contract-resolver';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { useRehabLabels } from '../labels';
import { RehabModalForm, useInvalidFocus } from '../RehabModalForm';

/** The latest day recorded on a stay (admission, stages, incidents): no step may come before it. */
export function lastStayDay(stay: StayView): string {
  return [stay.admittedOn, ...stay.stages.map((s) => s.on), ...stay.incidents.map((i) => i.on)].sort().at(-1)!;
}

const stageSchema = rehabContract['stays.stage'].input;
interface StageForm {
  stage: StayStage | '';
  on: string;
}

/** Moves a stay to another treatment stage (Decree 116 Art. 29), with the day. */
export function StageModal(props: {
  stay: StayView;
  name: string;
  onClose: () => void;
  onDone: (s: StayView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const { formId, onInvalid } = useInvalidFocus();
  const current = STAY_STAGE_LIST.indexOf(props.stay.stage);
  const suggested = STAY_STAGE_LIST[current + 1] ?? '';
  const notBefore = lastStayDay(props.stay);
  const {
    control: fc,
    handleSubmit,
    setError,
    formState,
  } = useForm<StageForm, unknown, z.output<typeof stageSchema>>({
    resolver: contractResolver(
      stageSchema.superRefine((v, ctx) => {
        if (v.stage === props.stay.stage) ctx.addIssue({ code: 'custom', path: ['stage'], message: 'stage_same' });
        if (v.on < notBefore) ctx.addIssue({ code: 'custom', path: ['on'], message: 'step_before_last' });
      }),
      (v: StageForm) => ({ stayId: props.stay.id, stage: v.stage as StayStage, on: v.on }),
    ),
    defaultValues: { stage: suggested, on: todayIso() },
  });
  const control = fieldControl(fc);
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('stays.stage', input);
    if (!res.ok) return applyRehabError(res.error, setError, ['stage', 'on']);
    props.onDone(res.value);
  }, onInvalid);
  return (
    <RehabModalForm
      title={t('rehab.stage.title', { name: props.name })}
      okText={t('rehab.stage.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Typography.Paragraph>
        {t('rehab.stage.current', { stage: labels.stayStage[props.stay.stage] })}
      </Typography.Paragraph>
      <Field control={control} name="stage" label={t('rehab.stage.stage')} required>
        {({ ref: _ref, ...f }) => (
          <Select
            {...f}
            value={f.value || undefined}
            placeholder={t('rehab.stage.choose')}
            options={STAY_STAGE_LIST.map((s) => ({ value: s, label: labels.stayStage[s] }))}
          />
        )}
      </Field>
      <Field control={control} name="on" label={t('rehab.stage.on')} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
    </RehabModalForm>
  );
}

const incidentSchema = rehabContract['stays.incident'].input;
interface IncidentForm {
  on: string;
  note: string;
}

/** Records an absconding, a return or a rule violation; absconding and return also move the referral. */
export function IncidentModal(props: {
  stay: StayView;
  name: string;
  kind: StayIncident;
  onClose: () => void;
  onDone: (s: StayView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const { formId, onInvalid } = useInvalidFocus();
  const notBefore = lastStayDay(props.stay);
  const {
    control: fc,
    handleSubmit,
    setError,
    formState,
  } = useForm<IncidentForm, unknown, z.output<typeof incidentSchema>>({
    resolver: contractResolver(
      incidentSchema.superRefine((v, ctx) => {
        if (v.on < notBefore) ctx.addIssue({ code: 'custom', path: ['on'], message: 'step_before_last' });
      }),
      (v: IncidentForm) => ({
        stayId: props.stay.id,
        kind: props.kind,
        on: v.on,
        note: v.note.trim() ? v.note.trim() : null,
      }),
    ),
    defaultValues: { on: todayIso(), note: '' },
  });
  const control = fieldControl(fc);
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('stays.incident', input);
    if (!res.ok) return applyRehabError(res.error, setError, ['on', 'note']);
    props.onDone(res.value);
  }, onInvalid);
  return (
    <RehabModalForm
      title={t(`rehab.incident.title.${props.kind}`, { name: props.name })}
      okText={t('rehab.incident.save', { kind: labels.stayIncident[props.kind] })}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
      danger={props.kind === 'absconded'}
    >
      <Typography.Paragraph>{t(`rehab.incident.intro.${props.kind}`)}</Typography.Paragraph>
      <Field control={control} name="on" label={t('rehab.incident.on')} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
      <Field control={control} name="note" label={t('rehab.incident.note')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={500} />}
      </Field>
    </RehabModalForm>
  );
}

const dischargeSchema = rehabContract['stays.discharge'].input;
interface DischargeForm {
  on: string;
  certificateNumber: string;
}

/**
 * Discharge on completion: the day and the certificate's number. The host completes the referral and hands the
 * person back to the commune of residence (a post-rehab management measure in their file).
 */
export function DischargeModal(props: {
  stay: StayView;
  name: string;
  onClose: () => void;
  onDone: (s: StayView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { formId, onInvalid } = useInvalidFocus();
  const notBefore = lastStayDay(props.stay);
  const {
    control: fc,
    handleSubmit,
    setError,
    formState,
  } = useForm<DischargeForm, unknown, z.output<typeof dischargeSchema>>({
    resolver: contractResolver(
      dischargeSchema.superRefine((v, ctx) => {
        if (!v.on) ctx.addIssue({ code: 'custom', path: ['on'], message: 'required' });
        else if (v.on < props.stay.admittedOn)
          ctx.addIssue({ code: 'custom', path: ['on'], message: 'discharge_before_admission' });
        else if (v.on < notBefore) ctx.addIssue({ code: 'custom', path: ['on'], message: 'step_before_last' });
        if (!v.certificateNumber) ctx.addIssue({ code: 'custom', path: ['certificateNumber'], message: 'required' });
      }),
      (v: DischargeForm) => ({
        stayId: props.stay.id,
        on: v.on || undefined,
        certificateNumber: v.certificateNumber.trim() || undefined,
      }),
    ),
    defaultValues: { on: todayIso(), certificateNumber: '' },
  });
  const control = fieldControl(fc);
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('stays.discharge', input);
    if (!res.ok) return applyRehabError(res.error, setError, ['on', 'certificateNumber']);
    props.onDone(res.value);
  }, onInvalid);
  return (
    <RehabModalForm
      title={t('rehab.discharge.title', { name: props.name })}
      okText={t('rehab.discharge.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Typography.Paragraph>
        {props.stay.plannedDischargeOn
          ? t('rehab.discharge.planned', { date: formatDate(props.stay.plannedDischargeOn) })
          : t('rehab.discharge.noPlan')}
      </Typography.Paragraph>
      <Field control={control} name="on" label={t('rehab.discharge.on')} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
      <Field control={control} name="certificateNumber" label={t('rehab.discharge.certificate')} required>
        {(f) => <Input {...f} placeholder={t('rehab.discharge.certificatePlaceholder')} autoComplete="off" />}
      </Field>
      <Typography.Paragraph type="secondary">{t('rehab.discharge.handover')}</Typography.Paragraph>
    </RehabModalForm>
  );
}
