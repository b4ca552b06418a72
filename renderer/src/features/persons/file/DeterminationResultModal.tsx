import { Alert, Col, Input, Row, Select } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contract, type Determination, type Written } from '../../../../../shared/contract';
import { DeterminationResults, type DeterminationResult } from '../../../../../shared/domain/persons';
import { useApi } from '../../../api/api-context';
import { applyApiError } from '../../../api/api-errors';
import { Field } from '../../../components/Field';
import { formatDate } from '../../../i18n/dates';
import { contractResolver, fieldControl } from '../contract-resolver';
import { DateField } from '../DateField';
import { usePersonLabels } from '../labels';
import { ModalForm } from './ModalForm';

const schema = contract['persons.updateDetermination'].input;
interface ResultForm {
  result: DeterminationResult;
  resultDate: string;
  formRef: string;
  registeredAt: string;
}
const FIELDS = ['result', 'resultDate', 'formRef', 'registeredAt'] as const;

/**
 * The result of a determination when it arrives, and later the day the person registered for rehab or
 * methadone, which stops the 5-working-day clock a positive result starts.
 */
export function DeterminationResultModal(props: {
  determination: Determination;
  onClose: () => void;
  onSaved: (w: Written<Determination>) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = usePersonLabels();
  const d = props.determination;
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
  } = useForm<ResultForm, unknown, z.output<typeof schema>>({
    resolver: contractResolver(schema, (v: ResultForm) => ({
      determinationId: d.id,
      result: v.result,
      resultDate: v.result === 'pending' ? null : v.resultDate || null,
      formRef: v.formRef.trim() || null,
      registeredAt: v.result === 'addicted' ? v.registeredAt || null : null,
    })),
    defaultValues: {
      result: d.result,
      resultDate: d.resultDate ?? '',
      formRef: d.formRef ?? '',
      registeredAt: d.registeredAt ?? '',
    },
  });
  const control = fieldControl(formControl);
  const result = useWatch({ control, name: 'result' });
  const submit = handleSubmit(async (input) => {
    if (input.result !== 'pending' && !input.resultDate) {
      setError('resultDate', { type: 'required', message: 'result_date_required' });
      return;
    }
    const r = await api.invoke('persons.updateDetermination', input);
    if (!r.ok) return applyApiError(r.error, setError, FIELDS);
    props.onSaved(r.value);
  });
  return (
    <ModalForm
      open
      title={t('persons.determination.resultTitle', { date: formatDate(d.requestedDate) })}
      okText={t('common.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
      width={720}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="result" label={t('persons.determination.result')} required>
            {({ ref: _ref, ...f }) => (
              <Select
                {...f}
                options={Object.values(DeterminationResults).map((r) => ({
                  value: r,
                  label: labels.determinationResult[r],
                }))}
              />
            )}
          </Field>
        </Col>
        {result === 'pending' ? null : (
          <Col xs={24} md={12}>
            <Field control={control} name="resultDate" label={t('persons.determination.resultDate')} required>
              {(f) => <DateField {...f} notFuture placeholder={t('persons.form.datePlaceholder')} />}
            </Field>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Field control={control} name="formRef" label={t('persons.determination.formRef')}>
            {(f) => <Input {...f} autoComplete="off" />}
          </Field>
        </Col>
        {result === 'addicted' ? (
          <Col xs={24} md={12}>
            <Field
              control={control}
              name="registeredAt"
              label={t('persons.determination.registeredAt')}
              extra={t('persons.determination.registeredHint')}
            >
              {(f) => <DateField {...f} notFuture placeholder={t('persons.form.datePlaceholder')} />}
            </Field>
          </Col>
        ) : null}
      </Row>
      {result === 'addicted' ? <Alert type="info" showIcon title={t('persons.determination.clockNote')} /> : null}
    </ModalForm>
  );
}
