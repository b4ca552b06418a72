import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Skeleton } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TipView } from '../../../../../shared/contract';
import { tipInputSchema } from '../../../../../shared/contract/investigations';
import {
  TIP_CHANNEL_LIST,
  TIP_SOURCE_LIST,
  type TipChannel,
  type TipSource,
} from '../../../../../shared/domain/investigations';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { Field } from '../../../components/Field';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { DraftCancelButton } from '../../drafts/DraftCancelButton';
import { DraftNotice } from '../../drafts/DraftNotice';
import { useFormDraft } from '../../drafts/useDraft';
import { useUnits } from '../../persons/useUnits';
import { CommuneSelect } from '../CommuneSelect';
import { fieldControl } from '../../persons/contract-resolver';
import { applyHostError, schemaResolver, useFocusFirstInvalid } from '../form-support';
import { useInvestigationsNavigation } from '../investigations-navigation';
import { useInvestigationLabels } from '../labels';
import { PersonPicker } from '../PersonPicker';

interface TipForm {
  receivedOn: string;
  /** hh:mm, or '' when the time is not known. */
  receivedTime: string;
  receivedBy: string;
  source: TipSource | '';
  channel: TipChannel;
  communeCode: string;
  place: string;
  summary: string;
  personIds: string[];
}
const FIELDS = [
  'receivedOn',
  'receivedTime',
  'receivedBy',
  'source',
  'channel',
  'communeCode',
  'place',
  'summary',
  'personIds',
];
const RENAME = { receivedAt: 'receivedTime' };
const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** "9:5" → "09:05"; anything else is left for the schema to refuse. */
function normaliseTime(s: string): string {
  const m = /^(\d{1,2})[:hg.](\d{1,2})$/.exec(s.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]!.padStart(2, '0')}` : s.trim();
}

function toInput(v: TipForm) {
  const time = v.receivedTime.trim();
  return {
    receivedOn: v.receivedOn,
    ...(time ? { receivedAt: `${v.receivedOn || '0000-00-00'}T${normaliseTime(time)}` } : {}),
    receivedBy: orNull(v.receivedBy),
    source: v.source,
    channel: v.channel,
    communeCode: v.communeCode || null,
    place: orNull(v.place),
    summary: v.summary,
    personIds: v.personIds,
  };
}

function formOf(tip: TipView | null): TipForm {
  return {
    receivedOn: tip?.receivedOn ?? todayIso(),
    receivedTime: tip?.receivedAt ? tip.receivedAt.slice(11, 16) : '',
    receivedBy: tip?.receivedBy ?? '',
    source: tip?.source ?? '',
    channel: tip?.channel ?? 'other',
    communeCode: tip?.communeCode ?? '',
    place: tip?.place ?? '',
    summary: tip?.summary ?? '',
    personIds: tip?.personIds ?? [],
  };
}

function TipFormBody({ tip }: { tip: TipView | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const nav = useInvestigationsNavigation();
  const labels = useInvestigationLabels();
  const units = useUnits();
  const { message } = App.useApp();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
    reset,
    setValue,
  } = useForm<TipForm, unknown, z.output<typeof tipInputSchema>>({
    resolver: schemaResolver(tipInputSchema, toInput, RENAME),
    defaultValues: formOf(tip),
    shouldFocusError: false,
  });
  const control = fieldControl(formControl);
  // What is typed is kept inside the encrypted database, so that a lock in the middle of a long summary loses nothing.
  const draft = useFormDraft(
    `investigations.tip:${tip?.id ?? 'new'}`,
    { control: formControl, reset, setValue },
    { page: 'investigations', view: tip ? { kind: 'tipEdit', tipId: tip.id } : { kind: 'tipCreate' } },
  );
  const submit = handleSubmit(async (input) => {
    const r = tip
      ? await api.invoke('tips.update', {
          tipId: tip.id,
          patch: {
            receivedOn: input.receivedOn ?? tip.receivedOn,
            receivedAt: input.receivedAt ?? null,
            receivedBy: input.receivedBy,
            source: input.source,
            channel: input.channel,
            communeCode: input.communeCode,
            place: input.place,
            summary: input.summary,
            personIds: input.personIds,
          },
        })
      : await api.invoke('tips.create', input);
    if (!r.ok) {
      applyHostError(r.error, setError as never, FIELDS, RENAME);
      return focusFirstInvalid();
    }
    await draft.saved();
    void message.success(t(tip ? 'investigations.tip.updated' : 'investigations.tip.created'));
    nav.changed();
    if (tip) nav.back();
    else nav.replace({ kind: 'tip', tipId: r.value.id });
  }, focusFirstInvalid);

  return (
    <form
      ref={formRef}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t(tip ? 'investigations.tip.editTitle' : 'investigations.tip.createTitle')}
    >
      <Form component={false} layout="vertical">
        <DraftNotice draft={draft} />
        <FormErrorAlert errors={formState.errors} />
        <Card title={t('investigations.tip.receipt')}>
          <Row gutter={16}>
            <Col xs={24} md={8} xl={6}>
              <Field control={control} name="receivedOn" label={t('investigations.tip.receivedOn')} required>
                {(f) => <DateField {...f} notFuture placeholder={t('investigations.common.datePlaceholder')} />}
              </Field>
            </Col>
            <Col xs={24} md={6} xl={4}>
              <Field
                control={control}
                name="receivedTime"
                label={t('investigations.tip.receivedTime')}
                extra={t('investigations.tip.receivedTimeHint')}
              >
                {(f) => <Input {...f} placeholder="hh:mm" maxLength={5} autoComplete="off" inputMode="numeric" />}
              </Field>
            </Col>
            <Col xs={24} md={10} xl={14}>
              <Field control={control} name="receivedBy" label={t('investigations.tip.receivedBy')}>
                {(f) => <Input {...f} maxLength={120} autoComplete="off" />}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field control={control} name="source" label={t('investigations.tip.source')} required>
                {({ ref: _ref, ...f }) => (
                  <Select
                    {...f}
                    value={f.value || undefined}
                    placeholder={t('investigations.tip.chooseSource')}
                    options={TIP_SOURCE_LIST.map((s) => ({ value: s, label: labels.tipSource[s] }))}
                  />
                )}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field
                control={control}
                name="channel"
                label={t('investigations.tip.channel')}
                required
                extra={t('investigations.tip.channelHint')}
              >
                {({ ref: _ref, ...f }) => (
                  <Select {...f} options={TIP_CHANNEL_LIST.map((s) => ({ value: s, label: labels.tipChannel[s] }))} />
                )}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field control={control} name="communeCode" label={t('investigations.tip.commune')}>
                {({ ref: _ref, ...f }) => <CommuneSelect {...f} allowClear provinceCode={units.provinceCode} />}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field control={control} name="place" label={t('investigations.tip.place')}>
                {(f) => <Input {...f} maxLength={300} autoComplete="off" />}
              </Field>
            </Col>
          </Row>
          <Field control={control} name="summary" label={t('investigations.tip.summary')} required>
            {(f) => <Input.TextArea {...f} rows={4} maxLength={4000} showCount />}
          </Field>
          <Field
            control={control}
            name="personIds"
            label={t('investigations.tip.persons')}
            extra={t('investigations.tip.personsHint')}
          >
            {({ ref: _ref, ...f }) => <PersonPicker {...f} mode="multiple" known={tip?.persons} />}
          </Field>
        </Card>
        <Flex gap={12} justify="flex-end" style={{ marginTop: 20 }}>
          <DraftCancelButton draft={draft} onCancel={nav.back} />
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </form>
  );
}

function EditTip({ tipId }: { tipId: string }) {
  const errorText = useErrorText();
  const tip = useProcedure('tips.get', { tipId });
  if (tip.error) return <Alert type="error" showIcon title={errorText(tip.error)} />;
  if (!tip.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <TipFormBody tip={tip.data} />;
}

/** A new tip (received date and time, source, channel, commune, summary, linked persons) or its correction. */
export function TipFormPage({ tipId }: { tipId: string | null }) {
  const { t } = useTranslation();
  const nav = useInvestigationsNavigation();
  return (
    <>
      <PageHeader
        title={t(tipId ? 'investigations.tip.editTitle' : 'investigations.tip.createTitle')}
        description={t('investigations.tip.formDescription')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={nav.back}>
            {t('investigations.common.back')}
          </Button>
        }
      />
      {tipId ? <EditTip tipId={tipId} /> : <TipFormBody tip={null} />}
    </>
  );
}
