import { Col, Input, InputNumber, Row, Segmented, Select } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { seizureInputSchema } from '../../../../shared/contract/investigations';
import {
  EXHIBIT_KIND_LIST,
  SEIZED_SUBSTANCE_LIST,
  SUBSTANCE_UNITS,
  type ExhibitKind,
  type QuantityUnit,
  type SeizedSubstance,
} from '../../../../shared/domain/investigations';
import { useApi } from '../../api/api-context';
import { Field } from '../../components/Field';
import { DateField } from '../persons/DateField';
import { todayIso } from '../persons/format';
import { ModalForm } from '../persons/file/ModalForm';
import { fieldControl } from '../persons/contract-resolver';
import { applyHostError, schemaResolver } from './form-support';
import { useInvestigationLabels } from './labels';

interface SeizureForm {
  kind: 'substance' | 'exhibit';
  substance: SeizedSubstance | '';
  quantity: number | null;
  unit: QuantityUnit | '';
  exhibit: ExhibitKind | '';
  count: number | null;
  description: string;
  seizedOn: string;
}
const FIELDS = ['kind', 'substance', 'quantity', 'unit', 'exhibit', 'count', 'description', 'seizedOn'];

function toInput(owner: { caseId: string } | { tipId: string }, v: SeizureForm) {
  const common = { ...owner, kind: v.kind, seizedOn: v.seizedOn, description: v.description.trim() || null };
  return v.kind === 'substance'
    ? {
        ...common,
        substance: v.substance || undefined,
        quantity: v.quantity ?? undefined,
        unit: v.unit || undefined,
      }
    : { ...common, exhibit: v.exhibit || undefined, count: v.count ?? undefined };
}

/** A seizure: a substance with a quantity in one of the units that fit it, or an exhibit with a count. */
export function SeizureModal(props: {
  owner: { caseId: string } | { tipId: string };
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useInvestigationLabels();
  const {
    control: formControl,
    handleSubmit,
    setError,
    setValue,
    formState,
  } = useForm<SeizureForm, unknown, z.output<typeof seizureInputSchema>>({
    resolver: schemaResolver(seizureInputSchema, (v: SeizureForm) => toInput(props.owner, v)),
    defaultValues: {
      kind: 'substance',
      substance: '',
      quantity: null,
      unit: '',
      exhibit: '',
      count: null,
      description: '',
      seizedOn: todayIso(),
    },
  });
  const control = fieldControl(formControl);
  const [kind, substance] = useWatch({ control, name: ['kind', 'substance'] });
  const units = substance ? SUBSTANCE_UNITS[substance] : [];

  const submit = handleSubmit(async (input) => {
    const r = await api.invoke('seizures.add', input);
    if (!r.ok) return applyHostError(r.error, setError as never, FIELDS);
    props.onAdded();
  });

  return (
    <ModalForm
      open
      title={t('investigations.seizure.addTitle')}
      okText={t('investigations.seizure.add')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Field control={control} name="kind" label={t('investigations.seizure.kind')} required>
        {({ ref: _ref, onChange, ...f }) => (
          <Segmented
            {...f}
            onChange={(v) => onChange(v)}
            options={[
              { value: 'substance', label: t('investigations.seizure.substance') },
              { value: 'exhibit', label: t('investigations.seizure.exhibit') },
            ]}
          />
        )}
      </Field>
      {kind === 'substance' ? (
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Field control={control} name="substance" label={t('investigations.seizure.substanceKind')} required>
              {({ ref: _ref, onChange, ...f }) => (
                <Select
                  {...f}
                  value={f.value || undefined}
                  onChange={(v: SeizedSubstance) => {
                    onChange(v);
                    // The unit follows the substance: its first unit, unless the one chosen fits too.
                    setValue('unit', SUBSTANCE_UNITS[v][0] ?? '');
                  }}
                  placeholder={t('investigations.seizure.chooseSubstance')}
                  options={SEIZED_SUBSTANCE_LIST.map((s) => ({ value: s, label: labels.substance[s] }))}
                />
              )}
            </Field>
          </Col>
          <Col xs={12} md={7}>
            <Field control={control} name="quantity" label={t('investigations.seizure.quantity')} required>
              {({ ref: _ref, ...f }) => (
                <InputNumber
                  {...f}
                  min={0}
                  precision={undefined}
                  decimalSeparator={labels.language === 'vi' ? ',' : '.'}
                  style={{ width: '100%' }}
                />
              )}
            </Field>
          </Col>
          <Col xs={12} md={7}>
            <Field control={control} name="unit" label={t('investigations.seizure.unit')} required>
              {({ ref: _ref, ...f }) => (
                <Select
                  {...f}
                  value={f.value || undefined}
                  disabled={!substance}
                  placeholder={
                    substance ? t('investigations.seizure.chooseUnit') : t('investigations.seizure.substanceFirst')
                  }
                  options={units.map((u) => ({ value: u, label: labels.unit[u] }))}
                />
              )}
            </Field>
          </Col>
        </Row>
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Field control={control} name="exhibit" label={t('investigations.seizure.exhibit')} required>
              {({ ref: _ref, ...f }) => (
                <Select
                  {...f}
                  value={f.value || undefined}
                  placeholder={t('investigations.seizure.chooseExhibit')}
                  options={EXHIBIT_KIND_LIST.map((s) => ({ value: s, label: labels.exhibit[s] }))}
                />
              )}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field control={control} name="count" label={t('investigations.seizure.count')} required>
              {({ ref: _ref, ...f }) => <InputNumber {...f} min={0} precision={0} style={{ width: '100%' }} />}
            </Field>
          </Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Field control={control} name="seizedOn" label={t('investigations.seizure.seizedOn')} required>
            {(f) => <DateField {...f} notFuture placeholder={t('investigations.common.datePlaceholder')} />}
          </Field>
        </Col>
        <Col xs={24} md={14}>
          <Field control={control} name="description" label={t('investigations.seizure.description')}>
            {(f) => <Input {...f} maxLength={500} autoComplete="off" />}
          </Field>
        </Col>
      </Row>
    </ModalForm>
  );
}
