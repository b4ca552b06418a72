import { Col, Input, Row, Select } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { determinationInputSchema, type Determination, type Written } from '../../../../../shared/contract';
import { DeterminationResults, type DeterminationResult } from '../../../../../shared/domain/persons';
import { useApi } from '../../../api/api-context';
import { applyApiError } from '../../../api/api-errors';
import { Field } from '../../../components/Field';
import { DraftNotice } from '../../drafts/DraftNotice';
import { contractResolver, fieldControl } from '../contract-resolver';
import { DateField } from '../DateField';
import { usePersonLabels } from '../labels';
import { useFileDialogDraft } from './dialog-draft';
import { ModalForm } from './ModalForm';

interface DeterminationForm {
  requestedDate: string;
  facility: string;
  result: DeterminationResult;
  resultDate: string;
  formRef: string;
}
const FIELDS = ['requestedDate', 'facility', 'result', 'resultDate', 'formRef'] as const;

/** A request for an addiction determination (usually pending: the result is recorded when it comes). */
export function AddDeterminationModal(props: {
  personId: string;
  onClose: () => void;
  onAdded: (w: Written<Determination>) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = usePersonLabels();
  const {
    control: formControl,
    handleSubmit,
    setError,
    reset,
    formState,
  } = useForm<DeterminationForm, unknown, z.output<typeof determinationInputSchema>>({
    resolver: contractResolver(determinationInputSchema, (v: DeterminationForm) => ({
      personId: props.personId,
      requestedDate: v.requestedDate,
      facility: v.facility,
      result: v.result,
      resultDate: v.result === 'pending' ? null : v.resultDate,
      formRef: v.formRef.trim() || null,
    })),
    defaultValues: { requestedDate: '', facility: '', result: 'pending', resultDate: '', formRef: '' },
  });
  // A request copied from paper is kept across a lock: after unlocking, the file opens with this dialog.
  const draft = useFileDialogDraft({ control: formControl, reset }, 'determination', props.personId);
  const control = fieldControl(formControl);
  const pending = useWatch({ control, name: 'result' }) === 'pending';
  const submit = handleSubmit(async (input) => {
    const r = await api.invoke('persons.addDetermination', input);
    if (!r.ok) return applyApiError(r.error, setError, FIELDS);
    void draft.saved();
    props.onAdded(r.value);
  });
  return (
    <ModalForm
      open
      title={t('persons.determination.addTitle')}
      okText={t('persons.determination.add')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={() => {
        draft.discard();
        props.onClose();
      }}
      width={720}
    >
      <DraftNotice draft={draft} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="requestedDate" label={t('persons.determination.requestedDate')} required>
            {(f) => <DateField {...f} notFuture placeholder={t('persons.form.datePlaceholder')} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="facility" label={t('persons.determination.facility')} required>
            {(f) => <Input {...f} autoComplete="off" placeholder={t('persons.determination.facilityPlaceholder')} />}
          </Field>
        </Col>
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
        {pending ? null : (
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
      </Row>
    </ModalForm>
  );
}
