import { Col, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { referralAdvanceSchema } from '../../../../../shared/contract/rehab';
import type { ReferralDossier } from '../../../../../shared/contract/rehab-types';
import { DECISION_KIND_LIST, termRange, type DecisionKind } from '../../../../../shared/domain/rehab';
import { useApi } from '../../../api/api-context';
import { applyRehabError } from '../rehab-errors';
import { Field } from '../../../components/Field';
import { contractResolver, fieldControl } from '../../persons/contract-resolver';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { useRehabLabels } from '../labels';
import { RehabModalForm, useInvalidFocus } from '../RehabModalForm';

interface DecisionForm {
  decisionKind: DecisionKind | '';
  termMonths: number | null;
  decisionNumber: string;
  on: string;
  court: string;
}
const FIELDS = ['decisionKind', 'termMonths', 'decisionNumber', 'on', 'court'] as const;

/** The range in words: "24 tháng" for a fixed term, "6–12 tháng" otherwise. */
function rangeText(t: (k: string, o?: Record<string, unknown>) => string, min: number, max: number): string {
  return min === max ? t('rehab.decision.months', { count: min }) : t('rehab.decision.monthsRange', { min, max });
}

/**
 * The court's decision (Ordinance 01/2022): apply, not apply, suspend or terminate; for "apply" the term in
 * months, checked here against the range the law in force on the decision day allows for the person's age
 * (and whether it is a repeat), as the host checks it again.
 */
export function CourtDecisionModal(props: {
  dossier: ReferralDossier;
  onClose: () => void;
  onDone: (next: ReferralDossier) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const { formId, onInvalid } = useInvalidFocus();
  const r = props.dossier.referral;
  const rangeOn = (on: string) => termRange(on || todayIso(), r.minor, r.repeat);
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
  } = useForm<DecisionForm, unknown, z.output<typeof referralAdvanceSchema>>({
    resolver: contractResolver(
      referralAdvanceSchema.superRefine((v, ctx) => {
        if (!v.decisionKind) ctx.addIssue({ code: 'custom', path: ['decisionKind'], message: 'decision_kind_invalid' });
        if (!v.decisionNumber) ctx.addIssue({ code: 'custom', path: ['decisionNumber'], message: 'required' });
        if (v.on < r.stateOn) ctx.addIssue({ code: 'custom', path: ['on'], message: 'decision_before_sent' });
        if (v.decisionKind === 'apply') {
          const range = rangeOn(v.on);
          if (v.termMonths === undefined) ctx.addIssue({ code: 'custom', path: ['termMonths'], message: 'required' });
          else if (v.termMonths < range.min || v.termMonths > range.max)
            ctx.addIssue({ code: 'custom', path: ['termMonths'], message: 'term_out_of_range' });
        }
      }),
      (v: DecisionForm) => ({
        referralId: r.id,
        to: 'decided' as const,
        on: v.on,
        decisionKind: (v.decisionKind || undefined) as DecisionKind | undefined,
        termMonths: v.decisionKind === 'apply' && v.termMonths !== null ? v.termMonths : undefined,
        decisionNumber: v.decisionNumber.trim(),
        court: v.court.trim() || undefined,
      }),
    ),
    defaultValues: {
      decisionKind: '',
      termMonths: null,
      decisionNumber: '',
      on: todayIso(),
      court: '',
    },
  });
  const control = fieldControl(formControl);
  const kind = useWatch({ control: formControl, name: 'decisionKind' });
  const on = useWatch({ control: formControl, name: 'on' });
  const range = rangeOn(on);
  const law = range.law.title[i18n.language === 'en' ? 'en' : 'vi'];
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('referrals.advance', input);
    if (!res.ok) return applyRehabError(res.error, setError, FIELDS);
    props.onDone(res.value);
  }, onInvalid);

  return (
    <RehabModalForm
      title={t('rehab.decision.title')}
      okText={t('rehab.decision.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
      width={760}
    >
      <Field control={control} name="decisionKind" label={t('rehab.decision.kind')} required>
        {({ ref: _ref, value, onChange, id, ...f }) => (
          <Radio.Group
            id={id}
            value={value || undefined}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={f['aria-invalid']}
            aria-describedby={f['aria-describedby']}
            options={DECISION_KIND_LIST.map((k) => ({ value: k, label: labels.decisionKind[k] }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          />
        )}
      </Field>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="decisionNumber" label={t('rehab.decision.number')} required>
            {(f) => <Input {...f} placeholder={t('rehab.decision.numberPlaceholder')} autoComplete="off" />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="on" label={t('rehab.decision.date')} required>
            {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="court" label={t('rehab.decision.court')}>
            {(f) => <Input {...f} placeholder={t('rehab.decision.courtPlaceholder')} autoComplete="off" />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          {kind === 'apply' ? (
            <Field
              control={control}
              name="termMonths"
              label={t('rehab.decision.term')}
              required
              extra={t('rehab.decision.termRange', { range: rangeText(t, range.min, range.max), law })}
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
                  style={{ width: '100%' }}
                />
              )}
            </Field>
          ) : null}
        </Col>
      </Row>
      {r.minor ? <Typography.Paragraph type="secondary">{t('rehab.decision.minorNote')}</Typography.Paragraph> : null}
    </RehabModalForm>
  );
}
