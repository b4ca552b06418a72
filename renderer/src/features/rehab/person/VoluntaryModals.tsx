import { Input, InputNumber, Radio, Typography } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { voluntaryInputSchema, voluntaryUpdateSchema } from '../../../../../shared/contract/rehab';
import type { VoluntaryView } from '../../../../../shared/contract/rehab-types';
import { DEFAULT_REHAB_RULES, VOLUNTARY_SETTING_LIST, type VoluntarySetting } from '../../../../../shared/domain/rehab';
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

const TERM = DEFAULT_REHAB_RULES.voluntary;

interface RegisterForm {
  setting: VoluntarySetting | '';
  facilityId: string;
  registeredOn: string;
  termMonths: number | null;
  notes: string;
}
const REGISTER_FIELDS = ['setting', 'facilityId', 'registeredOn', 'termMonths', 'notes'] as const;

/**
 * Registers voluntary rehab (Decree 116 Art. 28): at home or in the community (it starts with the registration),
 * or at a facility (it starts with the admission there); the contract term is 6–12 months. The registration
 * meets the 5-working-day clock that a positive addiction determination started.
 */
export function VoluntaryModal(props: {
  personId: string;
  name: string;
  onClose: () => void;
  onDone: (v: VoluntaryView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const { formId, onInvalid } = useInvalidFocus();
  const {
    control: fc,
    handleSubmit,
    setError,
    formState,
  } = useForm<RegisterForm, unknown, z.output<typeof voluntaryInputSchema>>({
    resolver: contractResolver(
      voluntaryInputSchema.superRefine((v, ctx) => {
        if (v.setting === 'facility' && !v.facilityId)
          ctx.addIssue({ code: 'custom', path: ['facilityId'], message: 'voluntary_facility_required' });
        if (v.termMonths < TERM.minMonths || v.termMonths > TERM.maxMonths)
          ctx.addIssue({ code: 'custom', path: ['termMonths'], message: 'voluntary_term_out_of_range' });
        if (v.registeredOn > todayIso())
          ctx.addIssue({ code: 'custom', path: ['registeredOn'], message: 'date_in_future' });
      }),
      (v: RegisterForm) => ({
        personId: props.personId,
        setting: (v.setting || undefined) as VoluntarySetting,
        facilityId: v.setting === 'facility' && v.facilityId ? v.facilityId : null,
        registeredOn: v.registeredOn,
        termMonths: v.termMonths ?? (undefined as unknown as number),
        notes: v.notes.trim() ? v.notes.trim() : null,
      }),
    ),
    defaultValues: { setting: '', facilityId: '', registeredOn: todayIso(), termMonths: 6, notes: '' },
  });
  const control = fieldControl(fc);
  const setting = useWatch({ control: fc, name: 'setting' });
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('voluntary.create', input);
    if (!res.ok) return applyRehabError(res.error, setError, REGISTER_FIELDS);
    props.onDone(res.value);
  }, onInvalid);
  return (
    <RehabModalForm
      title={t('rehab.voluntary.title', { name: props.name })}
      okText={t('rehab.voluntary.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Typography.Paragraph>{t('rehab.voluntary.intro')}</Typography.Paragraph>
      <Field control={control} name="setting" label={t('rehab.voluntary.setting')} required>
        {({ ref: _ref, value, onChange, id, ...f }) => (
          <Radio.Group
            id={id}
            value={value || undefined}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={f['aria-invalid']}
            aria-describedby={f['aria-describedby']}
            options={VOLUNTARY_SETTING_LIST.map((s) => ({ value: s, label: labels.voluntarySetting[s] }))}
          />
        )}
      </Field>
      {setting === 'facility' ? (
        <Field
          control={control}
          name="facilityId"
          label={t('rehab.voluntary.facility')}
          required
          extra={t('rehab.voluntary.facilityHint')}
        >
          {({ ref: _ref, ...f }) => (
            <FacilitySelect {...f} kinds={['voluntary_centre', 'community_point', 'public_compulsory']} />
          )}
        </Field>
      ) : null}
      <Field
        control={control}
        name="registeredOn"
        label={t('rehab.voluntary.registeredOn')}
        required
        extra={t('rehab.voluntary.registeredOnHint')}
      >
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
      <Field
        control={control}
        name="termMonths"
        label={t('rehab.voluntary.term')}
        required
        extra={t('rehab.voluntary.termHint', { min: TERM.minMonths, max: TERM.maxMonths })}
      >
        {({ ref: _ref, value, onChange, ...f }) => (
          <InputNumber
            {...f}
            value={value}
            onChange={(v) => onChange(typeof v === 'number' ? v : null)}
            min={1}
            max={60}
            precision={0}
            suffix={t('rehab.decision.monthsUnit')}
            style={{ width: 200 }}
          />
        )}
      </Field>
      <Field control={control} name="notes" label={t('rehab.start.notes')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
    </RehabModalForm>
  );
}

interface EndForm {
  status: 'completed' | 'abandoned' | '';
  endedOn: string;
}
const END_FIELDS = ['status', 'endedOn'] as const;

/**
 * Ends voluntary rehab: completed (the person then comes under post-rehab management) or abandoned (bỏ dở,
 * which counts as a history for a later compulsory referral).
 */
export function VoluntaryEndModal(props: { voluntary: VoluntaryView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const { formId, onInvalid } = useInvalidFocus();
  const v = props.voluntary;
  const start = v.startOn ?? v.registeredOn;
  const {
    control: fc,
    handleSubmit,
    setError,
    formState,
  } = useForm<EndForm, unknown, z.output<typeof voluntaryUpdateSchema>>({
    resolver: contractResolver(
      voluntaryUpdateSchema.superRefine((x, ctx) => {
        if (!x.status) ctx.addIssue({ code: 'custom', path: ['status'], message: 'voluntary_status_invalid' });
        if (x.endedOn && x.endedOn < start)
          ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'discharge_before_admission' });
        if (x.endedOn && x.endedOn > todayIso())
          ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'date_in_future' });
      }),
      (x: EndForm) => ({
        voluntaryId: v.id,
        status: (x.status || undefined) as 'completed' | 'abandoned' | undefined,
        endedOn: x.endedOn,
      }),
    ),
    defaultValues: { status: '', endedOn: todayIso() },
  });
  const control = fieldControl(fc);
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('voluntary.update', input);
    if (!res.ok) return applyRehabError(res.error, setError, END_FIELDS);
    props.onDone();
  }, onInvalid);
  return (
    <RehabModalForm
      title={t('rehab.voluntary.endTitle')}
      okText={t('rehab.voluntary.endSave')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Typography.Paragraph>
        {t('rehab.voluntary.endIntro', {
          setting: labels.voluntarySetting[v.setting],
          date: formatDate(start),
        })}
      </Typography.Paragraph>
      <Field control={control} name="status" label={t('rehab.voluntary.outcome')} required>
        {({ ref: _ref, value, onChange, id, ...f }) => (
          <Radio.Group
            id={id}
            value={value || undefined}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={f['aria-invalid']}
            aria-describedby={f['aria-describedby']}
            options={(['completed', 'abandoned'] as const).map((s) => ({
              value: s,
              label: labels.voluntaryStatus[s],
            }))}
          />
        )}
      </Field>
      <Field control={control} name="endedOn" label={t('rehab.voluntary.endedOn')} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
    </RehabModalForm>
  );
}
