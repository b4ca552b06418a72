import { Checkbox, Col, Input, Row, Select } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { HotspotView } from '../../../../../shared/contract';
import { hotspotInputSchema } from '../../../../../shared/contract/investigations';
import {
  HOTSPOT_ACTIVITY_LIST,
  HOTSPOT_KIND_LIST,
  type HotspotActivity,
  type HotspotKind,
} from '../../../../../shared/domain/investigations';
import { useApi } from '../../../api/api-context';
import { Field } from '../../../components/Field';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { fieldControl } from '../../persons/contract-resolver';
import { ModalForm } from '../../persons/file/ModalForm';
import { useUnits } from '../../persons/useUnits';
import { CommuneSelect } from '../CommuneSelect';
import { applyHostError, schemaResolver } from '../form-support';
import { useInvestigationLabels } from '../labels';

interface HotspotForm {
  communeCode: string;
  address: string;
  kind: HotspotKind | '';
  activities: HotspotActivity[];
  discoveredOn: string;
  notes: string;
}
const FIELDS = ['communeCode', 'address', 'kind', 'activities', 'discoveredOn', 'notes'];

function toInput(v: HotspotForm) {
  return { ...v, notes: v.notes.trim() || null };
}

/** A new hot spot (commune, address, point or cluster, what happens there, when discovered), or its correction. */
export function HotspotModal(props: {
  hotspot: HotspotView | null;
  onClose: () => void;
  onSaved: (h: HotspotView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useInvestigationLabels();
  const units = useUnits();
  const h = props.hotspot;
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
  } = useForm<HotspotForm, unknown, z.output<typeof hotspotInputSchema>>({
    resolver: schemaResolver(hotspotInputSchema, toInput),
    defaultValues: {
      communeCode: h?.communeCode ?? units.own?.communeCode ?? '',
      address: h?.address ?? '',
      kind: h?.kind ?? '',
      activities: h?.activities ?? [],
      discoveredOn: h?.discoveredOn ?? todayIso(),
      notes: h?.notes ?? '',
    },
  });
  const control = fieldControl(formControl);
  const submit = handleSubmit(async (input) => {
    const { communeCode: _c, ...patch } = input;
    const r = h
      ? await api.invoke('hotspots.update', { hotspotId: h.id, patch })
      : await api.invoke('hotspots.create', input);
    if (!r.ok) return applyHostError(r.error, setError as never, FIELDS);
    props.onSaved(r.value);
  });

  return (
    <ModalForm
      open
      width={720}
      title={t(h ? 'investigations.hotspot.editTitle' : 'investigations.hotspot.createTitle')}
      okText={t(h ? 'common.save' : 'investigations.hotspot.create')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="communeCode" label={t('investigations.hotspot.commune')} required>
            {({ ref: _ref, ...f }) => <CommuneSelect {...f} provinceCode={units.provinceCode} allowClear={false} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="kind" label={t('investigations.hotspot.kind')} required>
            {({ ref: _ref, ...f }) => (
              <Select
                {...f}
                value={f.value || undefined}
                placeholder={t('investigations.hotspot.chooseKind')}
                options={HOTSPOT_KIND_LIST.map((k) => ({ value: k, label: labels.hotspotKind[k] }))}
              />
            )}
          </Field>
        </Col>
      </Row>
      <Field control={control} name="address" label={t('investigations.hotspot.address')} required>
        {(f) => <Input {...f} maxLength={300} autoComplete="off" />}
      </Field>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="activities" label={t('investigations.hotspot.activities')} required>
            {({ value, onChange, id, ...f }) => (
              <div
                id={id}
                role="group"
                tabIndex={-1}
                aria-label={t('investigations.hotspot.activities')}
                aria-invalid={f['aria-invalid']}
                aria-describedby={f['aria-describedby']}
              >
                <Checkbox.Group
                  value={value}
                  onChange={(v) => onChange(v)}
                  options={HOTSPOT_ACTIVITY_LIST.map((a) => ({ value: a, label: labels.hotspotActivity[a] }))}
                />
              </div>
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="discoveredOn" label={t('investigations.hotspot.discoveredOn')} required>
            {(f) => <DateField {...f} notFuture placeholder={t('investigations.common.datePlaceholder')} />}
          </Field>
        </Col>
      </Row>
      <Field control={control} name="notes" label={t('investigations.hotspot.notes')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
    </ModalForm>
  );
}
