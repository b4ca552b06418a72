import { Alert, App, Col, Input, Row, Select } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { HotspotView } from '../../../../../shared/contract';
import { isoDay } from '../../../../../shared/contract/person-fields';
import { HOTSPOT_TRANSITIONS, type HotspotStatus } from '../../../../../shared/domain/investigations';
import { useApi } from '../../../api/api-context';
import { Field } from '../../../components/Field';
import { formatDate } from '../../../i18n/dates';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { fieldControl } from '../../persons/contract-resolver';
import { ModalForm } from '../../persons/file/ModalForm';
import { applyHostError, schemaResolver } from '../form-support';
import { useInvestigationLabels } from '../labels';
import { CasePicker } from './CasePicker';

interface AdvanceForm {
  status: HotspotStatus | '';
  on: string;
  caseId: string;
  note: string;
}
const FIELDS = ['status', 'on', 'caseId', 'note'];

/**
 * A hot spot's next status: under treatment, eliminated (with the case that did it, for those who may see
 * cases), or re-formed when activity is back — confirmed first, re-forming with a warning.
 */
export function HotspotAdvanceModal(props: {
  hotspot: HotspotView;
  canPickCase: boolean;
  onClose: () => void;
  onAdvanced: (h: HotspotView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { modal } = App.useApp();
  const labels = useInvestigationLabels();
  const h = props.hotspot;
  const choices = HOTSPOT_TRANSITIONS[h.status];
  const schema = z
    .object({
      status: z.enum(choices as [HotspotStatus, ...HotspotStatus[]], { message: 'required' }),
      on: isoDay,
      caseId: z.string(),
      note: z.string().trim().max(2000, { message: 'too_long' }),
    })
    .superRefine((v, ctx) => {
      if (v.on > todayIso()) ctx.addIssue({ code: 'custom', path: ['on'], message: 'date_in_future' });
    });
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
  } = useForm<AdvanceForm, unknown, z.output<typeof schema>>({
    resolver: schemaResolver(schema, (v: AdvanceForm) => v),
    defaultValues: { status: '', on: todayIso(), caseId: '', note: '' },
  });
  const control = fieldControl(formControl);
  const status = useWatch({ control: formControl, name: 'status' });

  const submit = handleSubmit(async (v) => {
    const reformed = v.status === 'reformed';
    const confirmed = await modal.confirm({
      title: t(reformed ? 'investigations.hotspot.confirmReformTitle' : 'investigations.hotspot.confirmTitle'),
      content: t('investigations.hotspot.confirmBody', {
        status: labels.hotspotStatus[v.status],
        date: formatDate(v.on),
      }),
      okText: t('investigations.hotspot.confirm'),
      okButtonProps: reformed ? { danger: true } : undefined,
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    const r = await api.invoke('hotspots.advance', {
      hotspotId: h.id,
      status: v.status,
      on: v.on,
      caseId: v.caseId || null,
      note: v.note.trim() || null,
    });
    if (!r.ok) return applyHostError(r.error, setError as never, FIELDS);
    props.onAdvanced(r.value);
  });

  return (
    <ModalForm
      open
      title={t('investigations.hotspot.advanceTitle')}
      okText={t('investigations.hotspot.advanceSave')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="status" label={t('investigations.hotspot.newStatus')} required>
            {({ ref: _ref, ...f }) => (
              <Select
                {...f}
                value={f.value || undefined}
                placeholder={t('investigations.hotspot.chooseStatus')}
                options={choices.map((s) => ({ value: s, label: labels.hotspotStatus[s] }))}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="on" label={t('investigations.hotspot.on')} required>
            {(f) => <DateField {...f} notFuture placeholder={t('investigations.common.datePlaceholder')} />}
          </Field>
        </Col>
      </Row>
      {status === 'eliminated' && props.canPickCase ? (
        <Field control={control} name="caseId" label={t('investigations.hotspot.case')}>
          {({ ref: _ref, ...f }) => <CasePicker {...f} />}
        </Field>
      ) : null}
      {status === 'reformed' ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('investigations.hotspot.reformWarning')} />
      ) : null}
      <Field control={control} name="note" label={t('investigations.hotspot.note')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
    </ModalForm>
  );
}
