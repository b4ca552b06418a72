import { Alert, Col, Input, InputNumber, Row } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isoDay } from '../../../../shared/contract/person-fields';
import { extensionInputSchema } from '../../../../shared/contract/investigations';
import { checkExtension, limitDeadline, type LimitRule } from '../../../../shared/domain/investigations';
import { useApi } from '../../api/api-context';
import { Field } from '../../components/Field';
import { formatDate } from '../../i18n/dates';
import { DateField } from '../persons/DateField';
import { todayIso } from '../persons/format';
import { ModalForm } from '../persons/file/ModalForm';
import { fieldControl } from '../persons/contract-resolver';
import { applyHostError, schemaResolver } from './form-support';

interface ExtendForm {
  decisionNumber: string;
  decidedOn: string;
  months: number | null;
}
const FIELDS = ['decisionNumber', 'decidedOn', 'months'];
const schema = z.object({ ...extensionInputSchema, decidedOn: isoDay });

/**
 * One extension of a time limit (Art. 147 for a tip, Art. 172 for a case): the decision's number and date and
 * the months it adds, at most what the law allows for this extension. The new last day is computed as typed
 * by the same rule the host applies; the host checks it again.
 */
export function ExtendModal(props: {
  owner: { kind: 'tip'; id: string } | { kind: 'case'; id: string };
  rule: LimitRule;
  start: string;
  extensions: readonly { months: number }[];
  deadline: string;
  onClose: () => void;
  onExtended: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const max = props.rule.extensions[props.extensions.length] ?? 0;
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
  } = useForm<ExtendForm, unknown, z.output<typeof schema>>({
    resolver: schemaResolver(schema, (v: ExtendForm) => ({ ...v, months: v.months ?? undefined })),
    defaultValues: { decisionNumber: '', decidedOn: todayIso(), months: max || null },
  });
  const control = fieldControl(formControl);
  const [months, decidedOn] = useWatch({ control, name: ['months', 'decidedOn'] });
  const problem =
    months && decidedOn ? checkExtension(props.rule, props.start, props.extensions, { months, decidedOn }) : null;
  const until = months && !problem ? limitDeadline(props.rule, props.start, [...props.extensions, { months }]) : null;

  const submit = handleSubmit(async (v) => {
    if (problem) return setError(problem.path, { type: 'rule', message: problem.code });
    const r =
      props.owner.kind === 'tip'
        ? await api.invoke('tips.extend', { tipId: props.owner.id, ...v })
        : await api.invoke('cases.extend', { caseId: props.owner.id, ...v });
    if (!r.ok) return applyHostError(r.error, setError as never, FIELDS);
    props.onExtended();
  });

  return (
    <ModalForm
      open
      title={t('investigations.extension.title', { n: props.extensions.length + 1 })}
      okText={t('investigations.extension.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('investigations.extension.current', { date: formatDate(props.deadline) })}
        description={
          max
            ? t('investigations.extension.allowed', {
                n: props.extensions.length + 1,
                of: props.rule.extensions.length,
                max,
              })
            : t('investigations.extension.none')
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="decisionNumber" label={t('investigations.extension.decisionNumber')} required>
            {(f) => (
              <Input
                {...f}
                maxLength={60}
                autoComplete="off"
                placeholder={t('investigations.extension.numberPlaceholder')}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="decidedOn" label={t('investigations.extension.decidedOn')} required>
            {(f) => <DateField {...f} placeholder={t('investigations.common.datePlaceholder')} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field
            control={control}
            name="months"
            label={t('investigations.extension.months')}
            required
            extra={max ? t('investigations.extension.maxMonths', { max }) : undefined}
          >
            {({ ref: _ref, ...f }) => <InputNumber {...f} min={1} max={12} precision={0} style={{ width: '100%' }} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <div className="inv-computed" aria-live="polite">
            <div className="inv-computed-label">{t('investigations.extension.newDeadline')}</div>
            <div className="inv-computed-value" data-testid="extension-until">
              {until ? formatDate(until) : '—'}
            </div>
          </div>
        </Col>
      </Row>
    </ModalForm>
  );
}
