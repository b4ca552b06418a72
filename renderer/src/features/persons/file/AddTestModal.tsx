import { Input, Radio, Select } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { testInputSchema, type DrugTest, type Written } from '../../../../../shared/contract';
import { SUBSTANCE_LIST, TestMethods, type Substance, type TestMethod } from '../../../../../shared/domain/persons';
import { useApi } from '../../../api/api-context';
import { applyApiError } from '../../../api/api-errors';
import { Field } from '../../../components/Field';
import { DraftNotice } from '../../drafts/DraftNotice';
import { contractResolver, fieldControl } from '../contract-resolver';
import { DateField } from '../DateField';
import { todayIso } from '../format';
import { usePersonLabels } from '../labels';
import { useFileDialogDraft } from './dialog-draft';
import { ModalForm } from './ModalForm';

interface TestForm {
  date: string;
  method: TestMethod;
  result: 'positive' | 'negative' | '';
  substances: Substance[];
  notes: string;
}

/** A drug test: a positive result makes an unclassified person an illegal user. */
export function AddTestModal(props: {
  personId: string;
  onClose: () => void;
  onAdded: (w: Written<DrugTest>) => void;
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
  } = useForm<TestForm, unknown, z.output<typeof testInputSchema>>({
    resolver: contractResolver(testInputSchema, (v: TestForm) => ({
      personId: props.personId,
      date: v.date,
      method: v.method,
      result: v.result as 'positive' | 'negative',
      substances: v.result === 'positive' ? v.substances : [],
      notes: v.notes.trim() || null,
    })),
    defaultValues: { date: todayIso(), method: TestMethods.urine_quick, result: '', substances: [], notes: '' },
  });
  // A result typed from the test strip is kept across a lock: after unlocking, the file opens with this dialog.
  const draft = useFileDialogDraft({ control: formControl, reset }, 'test', props.personId);
  const control = fieldControl(formControl);
  const positive = useWatch({ control, name: 'result' }) === 'positive';
  const submit = handleSubmit(async (input) => {
    const r = await api.invoke('persons.addTest', input);
    if (!r.ok) return applyApiError(r.error, setError, ['date', 'method', 'result', 'substances', 'notes']);
    void draft.saved();
    props.onAdded(r.value);
  });
  return (
    <ModalForm
      open
      title={t('persons.test.addTitle')}
      okText={t('persons.test.add')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={() => {
        draft.discard();
        props.onClose();
      }}
    >
      <DraftNotice draft={draft} />
      <Field control={control} name="date" label={t('persons.test.date')} required>
        {(f) => <DateField {...f} notFuture />}
      </Field>
      <Field control={control} name="method" label={t('persons.test.method')} required>
        {({ ref: _ref, ...f }) => (
          <Select {...f} options={Object.values(TestMethods).map((m) => ({ value: m, label: labels.testMethod[m] }))} />
        )}
      </Field>
      <Field control={control} name="result" label={t('persons.test.result')} required>
        {({ ref: _ref, id, value, onChange, ...f }) => (
          <Radio.Group
            {...f}
            id={id}
            aria-label={t('persons.test.result')}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            optionType="button"
            options={[
              { value: 'positive', label: labels.testResult.positive },
              { value: 'negative', label: labels.testResult.negative },
            ]}
          />
        )}
      </Field>
      {positive ? (
        <Field control={control} name="substances" label={t('persons.test.substances')}>
          {({ ref: _ref, ...f }) => (
            <Select
              {...f}
              mode="multiple"
              allowClear
              options={SUBSTANCE_LIST.map((s) => ({ value: s, label: labels.substance[s] }))}
            />
          )}
        </Field>
      ) : null}
      <Field control={control} name="notes" label={t('persons.test.notes')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={1000} />}
      </Field>
    </ModalForm>
  );
}
