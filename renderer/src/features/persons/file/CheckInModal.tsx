import { Input } from 'antd';
import type { z } from 'zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract, type Measure, type Written } from '../../../../../shared/contract';
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

const schema = contract['persons.checkIn'].input;
interface CheckInForm {
  date: string;
  note: string;
}

/** A check-in (làm việc, gặp gỡ) under an active measure: the date and what was said or done. */
export function CheckInModal(props: { measure: Measure; onClose: () => void; onAdded: (w: Written<Measure>) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = usePersonLabels();
  const {
    control: formControl,
    handleSubmit,
    setError,
    reset,
    formState,
  } = useForm<CheckInForm, unknown, z.output<typeof schema>>({
    resolver: contractResolver(schema, (v: CheckInForm) => ({ measureId: props.measure.id, ...v })),
    defaultValues: { date: todayIso(), note: '' },
  });
  // What was said at the meeting is kept across a lock: after unlocking, the file opens with this dialog.
  const draft = useFileDialogDraft(
    { control: formControl, reset },
    'checkIn',
    props.measure.personId,
    props.measure.id,
  );
  const control = fieldControl(formControl);
  const submit = handleSubmit(async (input) => {
    const r = await api.invoke('persons.checkIn', input);
    if (!r.ok) return applyApiError(r.error, setError, ['date', 'note']);
    void draft.saved();
    props.onAdded(r.value);
  });
  return (
    <ModalForm
      open
      title={t('persons.checkIn.title', { kind: labels.measureKind[props.measure.kind] })}
      okText={t('persons.checkIn.add')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={() => {
        draft.discard();
        props.onClose();
      }}
    >
      <DraftNotice draft={draft} />
      <Field control={control} name="date" label={t('persons.checkIn.date')} required>
        {(f) => <DateField {...f} notFuture />}
      </Field>
      <Field control={control} name="note" label={t('persons.checkIn.note')} required>
        {(f) => <Input.TextArea {...f} rows={3} maxLength={2000} placeholder={t('persons.checkIn.notePlaceholder')} />}
      </Field>
    </ModalForm>
  );
}
