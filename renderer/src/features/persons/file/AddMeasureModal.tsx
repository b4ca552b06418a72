import { AutoComplete, Col, Input, Row, Select } from 'antd';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { measureInputSchema, type Measure, type Written } from '../../../../../shared/contract';
import { MEASURE_KIND_LIST, type MeasureKind } from '../../../../../shared/domain/persons';
import { useApi } from '../../../api/api-context';
import { applyApiError } from '../../../api/api-errors';
import { Field } from '../../../components/Field';
import { DraftNotice } from '../../drafts/DraftNotice';
import { contractResolver, fieldControl } from '../contract-resolver';
import { DateField } from '../DateField';
import { usePersonLabels } from '../labels';
import { useFileDialogDraft } from './dialog-draft';
import { ModalForm } from './ModalForm';

interface MeasureForm {
  kind: MeasureKind | '';
  decisionNumber: string;
  decisionDate: string;
  authority: string;
  officer: string;
  startDate: string;
  notes: string;
}
const FIELDS = ['kind', 'decisionNumber', 'decisionDate', 'authority', 'officer', 'startDate', 'notes'] as const;
const orNull = (s: string) => (s.trim() ? s.trim() : null);

/**
 * A management measure from its decision. The end date is not asked: the host computes it from the
 * configured duration of the kind (1 year for illegal-user management, ...), and the file shows it.
 */
export function AddMeasureModal(props: {
  personId: string;
  onClose: () => void;
  onAdded: (w: Written<Measure>) => void;
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
  } = useForm<MeasureForm, unknown, z.output<typeof measureInputSchema>>({
    resolver: contractResolver(measureInputSchema, (v: MeasureForm) => ({
      personId: props.personId,
      kind: v.kind as MeasureKind,
      decisionNumber: v.decisionNumber,
      decisionDate: v.decisionDate,
      authority: v.authority,
      officer: orNull(v.officer),
      startDate: v.startDate,
      notes: orNull(v.notes),
    })),
    defaultValues: {
      kind: '',
      decisionNumber: '',
      decisionDate: '',
      authority: '',
      officer: '',
      startDate: '',
      notes: '',
    },
  });
  // A decision copied from paper is kept across a lock: after unlocking, the file opens with this dialog again.
  const draft = useFileDialogDraft({ control: formControl, reset }, 'measure', props.personId);
  const control = fieldControl(formControl);
  const submit = handleSubmit(async (input) => {
    const r = await api.invoke('persons.addMeasure', input);
    if (!r.ok) return applyApiError(r.error, setError, FIELDS);
    void draft.saved();
    props.onAdded(r.value);
  });
  const authorities = ['authorityCommune', 'authorityCourt', 'authorityFacility'].map((k) => ({
    value: t(`persons.measure.${k}`),
  }));
  return (
    <ModalForm
      open
      title={t('persons.measure.addTitle')}
      okText={t('persons.measure.add')}
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
      <Field control={control} name="kind" label={t('persons.measure.kind')} required>
        {({ ref: _ref, ...f }) => (
          <Select
            {...f}
            value={f.value || undefined}
            placeholder={t('persons.measure.chooseKind')}
            options={MEASURE_KIND_LIST.map((k) => ({ value: k, label: labels.measureKind[k] }))}
          />
        )}
      </Field>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="decisionNumber" label={t('persons.measure.decisionNumber')} required>
            {(f) => <Input {...f} placeholder={t('persons.measure.decisionNumberPlaceholder')} autoComplete="off" />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="decisionDate" label={t('persons.measure.decisionDate')} required>
            {(f) => <DateField {...f} notFuture placeholder={t('persons.form.datePlaceholder')} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="authority" label={t('persons.measure.authority')} required>
            {({ ref: _ref, ...f }) => <AutoComplete {...f} options={authorities} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="officer" label={t('persons.measure.officer')}>
            {(f) => <Input {...f} autoComplete="off" />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field
            control={control}
            name="startDate"
            label={t('persons.measure.startDate')}
            required
            extra={t('persons.measure.endComputed')}
          >
            {(f) => <DateField {...f} placeholder={t('persons.form.datePlaceholder')} />}
          </Field>
        </Col>
      </Row>
      <Field control={control} name="notes" label={t('persons.measure.notes')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
    </ModalForm>
  );
}
