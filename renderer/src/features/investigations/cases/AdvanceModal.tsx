import { Alert, App, Col, Input, Row, Select } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CaseView } from '../../../../../shared/contract';
import { isoDay } from '../../../../../shared/contract/person-fields';
import { CASE_TRANSITIONS, caseResolved, type CaseState } from '../../../../../shared/domain/investigations';
import { useApi } from '../../../api/api-context';
import { Field } from '../../../components/Field';
import { formatDate } from '../../../i18n/dates';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { fieldControl } from '../../persons/contract-resolver';
import { ModalForm } from '../../persons/file/ModalForm';
import { applyHostError, schemaResolver } from '../form-support';
import { useInvestigationLabels } from '../labels';

interface AdvanceForm {
  state: CaseState | '';
  on: string;
  decisionNumber: string;
  note: string;
}
const FIELDS = ['state', 'on', 'decisionNumber', 'note'];
const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** A change of the case's state along the workflow, confirmed before it is saved. */
export function AdvanceModal(props: { caseFile: CaseView; onClose: () => void; onAdvanced: (c: CaseView) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { modal } = App.useApp();
  const labels = useInvestigationLabels();
  const c = props.caseFile;
  const choices = CASE_TRANSITIONS[c.state];
  const schema = z
    .object({
      state: z.enum(choices as [CaseState, ...CaseState[]], { message: 'required' }),
      on: isoDay,
      decisionNumber: z.string().trim().max(60, { message: 'too_long' }),
      note: z.string().trim().max(2000, { message: 'too_long' }),
    })
    .superRefine((v, ctx) => {
      if (v.on < c.prosecutedOn) ctx.addIssue({ code: 'custom', path: ['on'], message: 'date_before_prosecution' });
      if (v.on > todayIso()) ctx.addIssue({ code: 'custom', path: ['on'], message: 'date_in_future' });
    });
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
  } = useForm<AdvanceForm, unknown, z.output<typeof schema>>({
    resolver: schemaResolver(schema, (v: AdvanceForm) => v),
    defaultValues: { state: '', on: todayIso(), decisionNumber: '', note: '' },
  });
  const control = fieldControl(formControl);

  const submit = handleSubmit(async (v) => {
    const confirmed = await modal.confirm({
      title: t('investigations.advance.confirmTitle'),
      content: t(
        caseResolved(v.state) ? 'investigations.advance.confirmResolved' : 'investigations.advance.confirmBody',
        {
          from: labels.caseState[c.state],
          to: labels.caseState[v.state],
          date: formatDate(v.on),
        },
      ),
      okText: t('investigations.advance.confirm'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    const r = await api.invoke('cases.advance', {
      caseId: c.id,
      state: v.state,
      on: v.on,
      decisionNumber: orNull(v.decisionNumber),
      note: orNull(v.note),
    });
    if (!r.ok) return applyHostError(r.error, setError as never, FIELDS);
    props.onAdvanced(r.value);
  });

  return (
    <ModalForm
      open
      title={t('investigations.advance.title')}
      okText={t('investigations.advance.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('investigations.advance.current', { state: labels.caseState[c.state] })}
      />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="state" label={t('investigations.advance.to')} required>
            {({ ref: _ref, ...f }) => (
              <Select
                {...f}
                value={f.value || undefined}
                placeholder={t('investigations.advance.choose')}
                options={choices.map((s) => ({ value: s, label: labels.caseState[s] }))}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="on" label={t('investigations.advance.on')} required>
            {(f) => <DateField {...f} notFuture placeholder={t('investigations.common.datePlaceholder')} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="decisionNumber" label={t('investigations.advance.decisionNumber')}>
            {(f) => <Input {...f} maxLength={60} autoComplete="off" />}
          </Field>
        </Col>
      </Row>
      <Field control={control} name="note" label={t('investigations.advance.note')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
    </ModalForm>
  );
}
