import { Alert, App, Col, Input, Row, Select } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { TipView } from '../../../../../shared/contract';
import { isoDay } from '../../../../../shared/contract/person-fields';
import { TIP_TRANSITIONS, type TipState } from '../../../../../shared/domain/investigations';
import { useApi } from '../../../api/api-context';
import { Field } from '../../../components/Field';
import { formatDate } from '../../../i18n/dates';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { ModalForm } from '../../persons/file/ModalForm';
import { fieldControl } from '../../persons/contract-resolver';
import { applyHostError, schemaResolver } from '../form-support';
import { useInvestigationLabels } from '../labels';

interface DecisionForm {
  decision: TipState | '';
  decidedOn: string;
  decisionNumber: string;
  note: string;
  transferredTo: string;
}
const FIELDS = ['decision', 'decidedOn', 'decisionNumber', 'note', 'transferredTo'];
const orNull = (s: string) => (s.trim() ? s.trim() : null);

/**
 * The handling decision on a tip. Prosecution by an account that may open cases goes on to the case form
 * (the case and the decision are saved together there); the other decisions are confirmed, then saved.
 */
export function TipDecisionModal(props: {
  tip: TipView;
  canOpenCase: boolean;
  onClose: () => void;
  onDecided: (tip: TipView) => void;
  onProsecute: (decision: { decidedOn: string; decisionNumber: string | null }) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { modal } = App.useApp();
  const labels = useInvestigationLabels();
  const choices = TIP_TRANSITIONS[props.tip.state];
  const schema = z
    .object({
      decision: z.enum(choices as [TipState, ...TipState[]], { message: 'required' }),
      decidedOn: isoDay,
      decisionNumber: z.string().trim().max(60, { message: 'too_long' }),
      note: z.string().trim().max(2000, { message: 'too_long' }),
      transferredTo: z.string().trim().max(200, { message: 'too_long' }),
    })
    .superRefine((d, ctx) => {
      if (d.decidedOn < props.tip.receivedOn)
        ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'decision_before_receipt' });
      if (d.decidedOn > todayIso()) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'date_in_future' });
      if (d.decision === 'transferred' && !d.transferredTo)
        ctx.addIssue({ code: 'custom', path: ['transferredTo'], message: 'required' });
    });
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
  } = useForm<DecisionForm, unknown, z.output<typeof schema>>({
    resolver: schemaResolver(schema, (v: DecisionForm) => v),
    defaultValues: { decision: '', decidedOn: todayIso(), decisionNumber: '', note: '', transferredTo: '' },
  });
  const control = fieldControl(formControl);
  const decision = useWatch({ control, name: 'decision' });
  const toCase = decision === 'prosecuted' && props.canOpenCase;

  const save = async (v: z.output<typeof schema>) => {
    const r = await api.invoke('tips.decide', {
      tipId: props.tip.id,
      decision: v.decision,
      decidedOn: v.decidedOn,
      decisionNumber: orNull(v.decisionNumber),
      note: orNull(v.note),
      transferredTo: v.decision === 'transferred' ? orNull(v.transferredTo) : null,
    });
    if (!r.ok) return applyHostError(r.error, setError as never, FIELDS);
    props.onDecided(r.value);
  };

  const submit = handleSubmit(async (v) => {
    if (v.decision === 'prosecuted' && props.canOpenCase) {
      props.onProsecute({ decidedOn: v.decidedOn, decisionNumber: orNull(v.decisionNumber) });
      return;
    }
    // A decision ends the verification: asked once more, naming it and its date.
    const confirmed = await modal.confirm({
      title: t('investigations.decision.confirmTitle'),
      content: t('investigations.decision.confirmBody', {
        decision: labels.tipState[v.decision],
        date: formatDate(v.decidedOn),
      }),
      okText: t('investigations.decision.confirm'),
      cancelText: t('common.cancel'),
    });
    if (confirmed) await save(v);
  });

  return (
    <ModalForm
      open
      title={t('investigations.decision.title')}
      okText={toCase ? t('investigations.decision.toCase') : t('investigations.decision.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="decision" label={t('investigations.decision.decision')} required>
            {({ ref: _ref, ...f }) => (
              <Select
                {...f}
                value={f.value || undefined}
                placeholder={t('investigations.decision.choose')}
                options={choices.map((s) => ({
                  value: s,
                  label: s === 'verifying' ? t('investigations.decision.resume') : labels.tipState[s],
                }))}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="decidedOn" label={t('investigations.decision.decidedOn')} required>
            {(f) => <DateField {...f} notFuture placeholder={t('investigations.common.datePlaceholder')} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="decisionNumber" label={t('investigations.decision.number')}>
            {(f) => <Input {...f} maxLength={60} autoComplete="off" />}
          </Field>
        </Col>
        {decision === 'transferred' ? (
          <Col xs={24} md={12}>
            <Field control={control} name="transferredTo" label={t('investigations.decision.transferredTo')} required>
              {(f) => <Input {...f} maxLength={200} autoComplete="off" />}
            </Field>
          </Col>
        ) : null}
      </Row>
      <Field control={control} name="note" label={t('investigations.decision.note')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
      {toCase ? <Alert type="info" showIcon title={t('investigations.decision.toCaseHint')} /> : null}
    </ModalForm>
  );
}
