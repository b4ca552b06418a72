import { Input, Radio, Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { referralCreateSchema } from '../../../../../shared/contract/rehab';
import type { ReferralDossier } from '../../../../../shared/contract/rehab-types';
import { PENDING_CUSTODY_LIST, type PendingCustody } from '../../../../../shared/domain/rehab';
import { useApi } from '../../../api/api-context';
import { applyRehabError } from '../rehab-errors';
import { Field } from '../../../components/Field';
import { contractResolver, fieldControl } from '../../persons/contract-resolver';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { FacilitySelect } from '../FacilitySelect';
import { useRehabLabels } from '../labels';
import { RehabModalForm, useInvalidFocus } from '../RehabModalForm';

interface StartForm {
  discoveredOn: string;
  pendingCustody: PendingCustody;
  facilityId: string;
  notes: string;
}
const FIELDS = ['discoveredOn', 'pendingCustody', 'facilityId', 'notes'] as const;

/**
 * Starts a compulsory-rehab referral for the person whose file is open: the day the matter was discovered, who
 * manages the person meanwhile, and the facility proposed. The host checks the person is of the officer's
 * commune and eligible (a positive addiction determination, or a qualifying history).
 */
export function StartReferralModal(props: {
  personId: string;
  name: string;
  onClose: () => void;
  onDone: (d: ReferralDossier) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const { formId, onInvalid } = useInvalidFocus();
  const {
    control: fc,
    handleSubmit,
    setError,
    formState,
  } = useForm<StartForm, unknown, z.output<typeof referralCreateSchema>>({
    resolver: contractResolver(referralCreateSchema, (v: StartForm) => ({
      personId: props.personId,
      kind: 'compulsory' as const,
      discoveredOn: v.discoveredOn,
      pendingCustody: v.pendingCustody,
      facilityId: v.facilityId || null,
      notes: v.notes.trim() ? v.notes.trim() : null,
    })),
    defaultValues: { discoveredOn: todayIso(), pendingCustody: 'family', facilityId: '', notes: '' },
  });
  const control = fieldControl(fc);
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('referrals.create', input);
    if (!res.ok) return applyRehabError(res.error, setError, FIELDS);
    props.onDone(res.value);
  }, onInvalid);
  return (
    <RehabModalForm
      title={t('rehab.start.title', { name: props.name })}
      okText={t('rehab.start.save')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Typography.Paragraph>{t('rehab.start.intro')}</Typography.Paragraph>
      <Field control={control} name="discoveredOn" label={t('rehab.start.discoveredOn')} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
      <Field control={control} name="pendingCustody" label={t('rehab.start.custody')} required>
        {({ ref: _ref, value, onChange, id }) => (
          <Radio.Group
            id={id}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            options={PENDING_CUSTODY_LIST.map((c) => ({ value: c, label: labels.pendingCustody[c] }))}
          />
        )}
      </Field>
      <Field
        control={control}
        name="facilityId"
        label={t('rehab.start.facility')}
        extra={t('rehab.start.facilityHint')}
      >
        {({ ref: _ref, ...f }) => <FacilitySelect {...f} kinds={['public_compulsory']} />}
      </Field>
      <Field control={control} name="notes" label={t('rehab.start.notes')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
    </RehabModalForm>
  );
}
