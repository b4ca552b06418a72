import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, Skeleton } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CaseView, TipView } from '../../../../../shared/contract';
import { caseInputSchema } from '../../../../../shared/contract/investigations';
import { PARTNER_COUNTRY_LIST, type PartnerCountry } from '../../../../../shared/domain/investigations';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { Field } from '../../../components/Field';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { formatDate } from '../../../i18n/dates';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { DraftCancelButton } from '../../drafts/DraftCancelButton';
import { DraftNotice } from '../../drafts/DraftNotice';
import { useFormDraft } from '../../drafts/useDraft';
import { useUnits } from '../../persons/useUnits';
import { CommuneSelect } from '../CommuneSelect';
import { fieldControl } from '../../persons/contract-resolver';
import { applyHostError, schemaResolver, useFocusFirstInvalid } from '../form-support';
import { useInvestigationsNavigation, type InvestigationsView } from '../investigations-navigation';
import { useInvestigationLabels } from '../labels';
import { CaseLimitPreview } from './CaseLimitPreview';
import { OffencesField, type OffenceForm } from './OffencesField';

interface CaseForm {
  number: string;
  prosecutedOn: string;
  decisionNumber: string;
  prosecutingUnit: string;
  offences: OffenceForm[];
  summary: string;
  communeCode: string;
  international: boolean;
  partnerCountry: PartnerCountry | '';
  transnationalRoute: boolean;
  organisedRing: boolean;
}
const FIELDS = [
  'number',
  'prosecutedOn',
  'decisionNumber',
  'prosecutingUnit',
  'offences',
  'summary',
  'communeCode',
  'international',
  'partnerCountry',
  'transnationalRoute',
  'organisedRing',
];
const orNull = (s: string) => (s.trim() ? s.trim() : null);

function toInput(v: CaseForm, tipId: string | null) {
  return {
    number: v.number,
    prosecutedOn: v.prosecutedOn,
    ...(v.decisionNumber.trim() ? { decisionNumber: v.decisionNumber.trim() } : {}),
    prosecutingUnit: orNull(v.prosecutingUnit),
    offences: v.offences.map((o) => ({ article: o.article, clause: o.clause ?? Number.NaN })),
    summary: orNull(v.summary),
    communeCode: v.communeCode || null,
    tipId,
    international: v.international,
    partnerCountry: v.international ? v.partnerCountry || null : null,
    transnationalRoute: v.transnationalRoute,
    organisedRing: v.organisedRing,
  };
}

type FromTip = Extract<InvestigationsView, { kind: 'caseCreate' }>['fromTip'];

function initialOf(c: CaseView | null, tip: TipView | null, fromTip: FromTip, unitName: string): CaseForm {
  return {
    number: c?.number ?? '',
    prosecutedOn: c?.prosecutedOn ?? fromTip?.decidedOn ?? todayIso(),
    decisionNumber: c?.decisionNumber ?? fromTip?.decisionNumber ?? '',
    prosecutingUnit: c?.prosecutingUnit ?? unitName,
    offences: c?.offences.map((o) => ({ article: o.article, clause: o.clause })) ?? [{ article: '', clause: null }],
    summary: c?.summary ?? tip?.summary ?? '',
    communeCode: c?.communeCode ?? tip?.communeCode ?? '',
    international: c?.international ?? false,
    partnerCountry: c?.partnerCountry ?? '',
    transnationalRoute: c?.transnationalRoute ?? false,
    organisedRing: c?.organisedRing ?? false,
  };
}

function CaseFormBody(props: { existing: CaseView | null; tip: TipView | null; fromTip: FromTip; unitName: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const nav = useInvestigationsNavigation();
  const labels = useInvestigationLabels();
  const units = useUnits();
  const { message } = App.useApp();
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const { existing, fromTip } = props;
  const {
    control: formControl,
    handleSubmit,
    setError,
    formState,
    reset,
    setValue,
  } = useForm<CaseForm, unknown, z.output<typeof caseInputSchema>>({
    resolver: schemaResolver(caseInputSchema, (v: CaseForm) => toInput(v, fromTip?.tipId ?? null)),
    defaultValues: initialOf(existing, props.tip, fromTip, props.unitName),
    shouldFocusError: false,
  });
  const control = fieldControl(formControl);
  // Kept as a draft inside the encrypted database across a lock: the offences and the summary take a while.
  const draft = useFormDraft(
    existing
      ? `investigations.case:${existing.id}`
      : fromTip
        ? `investigations.case:tip:${fromTip.tipId}`
        : 'investigations.case:new',
    { control: formControl, reset, setValue },
    {
      page: 'investigations',
      view: existing ? { kind: 'caseEdit', caseId: existing.id } : { kind: 'caseCreate', fromTip },
    },
  );
  const [offences, prosecutedOn, international] = useWatch({
    control,
    name: ['offences', 'prosecutedOn', 'international'],
  });

  const submit = handleSubmit(async (input) => {
    let caseId: string | null;
    if (existing) {
      const { tipId: _tip, decisionNumber, ...patch } = input;
      const r = await api.invoke('cases.update', {
        caseId: existing.id,
        patch: { ...patch, decisionNumber: decisionNumber ?? input.number },
      });
      if (!r.ok) return (applyHostError(r.error, setError as never, FIELDS), focusFirstInvalid());
      caseId = r.value.id;
    } else if (fromTip) {
      // The decision to prosecute and the case it opens are saved together: both or neither.
      const r = await api.invoke('tips.decide', {
        tipId: fromTip.tipId,
        decision: 'prosecuted',
        decidedOn: input.prosecutedOn,
        decisionNumber: input.decisionNumber ?? fromTip.decisionNumber,
        note: null,
        transferredTo: null,
        case: input,
      });
      if (!r.ok) {
        // The case's issues come under `case.`; the decision's date is the prosecution date typed here.
        const issues = r.error.issues?.map((i) => ({ ...i, path: i.path.replace(/^case\./, '') }));
        applyHostError({ ...r.error, issues }, setError as never, FIELDS, { decidedOn: 'prosecutedOn' });
        return focusFirstInvalid();
      }
      caseId = r.value.caseId;
    } else {
      const r = await api.invoke('cases.create', input);
      if (!r.ok) return (applyHostError(r.error, setError as never, FIELDS), focusFirstInvalid());
      caseId = r.value.id;
    }
    await draft.saved();
    void message.success(t(existing ? 'investigations.case.updated' : 'investigations.case.created'));
    nav.changed();
    if (existing || !caseId) nav.back();
    else nav.replace({ kind: 'case', caseId });
  }, focusFirstInvalid);

  return (
    <form
      ref={formRef}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t(existing ? 'investigations.case.editTitle' : 'investigations.case.createTitle')}
    >
      <Form component={false} layout="vertical">
        <DraftNotice draft={draft} />
        <FormErrorAlert errors={formState.errors} />
        {props.tip ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('investigations.case.fromTip', { date: formatDate(props.tip.receivedOn) })}
            description={props.tip.summary}
          />
        ) : null}
        <Flex vertical gap={20}>
          <Card title={t('investigations.case.decision')}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Field control={control} name="number" label={t('investigations.case.number')} required>
                  {(f) => (
                    <Input
                      {...f}
                      maxLength={60}
                      autoComplete="off"
                      placeholder={t('investigations.case.numberPlaceholder')}
                    />
                  )}
                </Field>
              </Col>
              <Col xs={24} md={8}>
                <Field control={control} name="prosecutedOn" label={t('investigations.case.prosecutedOn')} required>
                  {(f) => <DateField {...f} notFuture placeholder={t('investigations.common.datePlaceholder')} />}
                </Field>
              </Col>
              <Col xs={24} md={8}>
                <Field
                  control={control}
                  name="decisionNumber"
                  label={t('investigations.case.decisionNumber')}
                  extra={t('investigations.case.decisionNumberHint')}
                >
                  {(f) => <Input {...f} maxLength={60} autoComplete="off" />}
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field control={control} name="prosecutingUnit" label={t('investigations.case.prosecutingUnit')}>
                  {(f) => <Input {...f} maxLength={200} autoComplete="off" />}
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field control={control} name="communeCode" label={t('investigations.case.commune')}>
                  {({ ref: _ref, ...f }) => <CommuneSelect {...f} allowClear provinceCode={units.provinceCode} />}
                </Field>
              </Col>
            </Row>
          </Card>
          <Card title={t('investigations.case.offences')}>
            <OffencesField control={control} errors={formState.errors} />
            <div style={{ marginTop: 16 }}>
              <CaseLimitPreview offences={offences} prosecutedOn={prosecutedOn} />
            </div>
          </Card>
          <Card title={t('investigations.case.more')}>
            <Field control={control} name="summary" label={t('investigations.case.summary')}>
              {(f) => <Input.TextArea {...f} rows={3} maxLength={4000} />}
            </Field>
            <Row gutter={16} align="middle">
              <Col xs={24} md={12}>
                <Field control={control} name="international" label={t('investigations.case.flags')}>
                  {({ ref: _ref, value, onChange, ...f }) => (
                    <Checkbox {...f} checked={value} onChange={(e) => onChange(e.target.checked)}>
                      {labels.flag.international}
                    </Checkbox>
                  )}
                </Field>
              </Col>
              <Col xs={24} md={12}>
                {international ? (
                  <Field control={control} name="partnerCountry" label={t('investigations.case.partnerCountry')}>
                    {({ ref: _ref, ...f }) => (
                      <Select
                        {...f}
                        allowClear
                        value={f.value || undefined}
                        onChange={(v?: string) => f.onChange(v ?? '')}
                        options={PARTNER_COUNTRY_LIST.map((c) => ({ value: c, label: labels.partnerCountry[c] }))}
                      />
                    )}
                  </Field>
                ) : null}
              </Col>
              <Col xs={24} md={12}>
                <Field
                  control={control}
                  name="transnationalRoute"
                  label={<span className="inv-sr-only">{labels.flag.transnationalRoute}</span>}
                >
                  {({ ref: _ref, value, onChange, ...f }) => (
                    <Checkbox {...f} checked={value} onChange={(e) => onChange(e.target.checked)}>
                      {labels.flag.transnationalRoute}
                    </Checkbox>
                  )}
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field
                  control={control}
                  name="organisedRing"
                  label={<span className="inv-sr-only">{labels.flag.organisedRing}</span>}
                >
                  {({ ref: _ref, value, onChange, ...f }) => (
                    <Checkbox {...f} checked={value} onChange={(e) => onChange(e.target.checked)}>
                      {labels.flag.organisedRing}
                    </Checkbox>
                  )}
                </Field>
              </Col>
            </Row>
          </Card>
          <Flex gap={12} justify="flex-end">
            <DraftCancelButton draft={draft} onCancel={nav.back} />
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={formState.isSubmitting}>
              {fromTip && !existing ? t('investigations.case.saveWithDecision') : t('common.save')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </form>
  );
}

function FromTipForm({ fromTip, unitName }: { fromTip: NonNullable<FromTip>; unitName: string }) {
  const errorText = useErrorText();
  const tip = useProcedure('tips.get', { tipId: fromTip.tipId });
  if (tip.error) return <Alert type="error" showIcon title={errorText(tip.error)} />;
  if (!tip.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <CaseFormBody existing={null} tip={tip.data} fromTip={fromTip} unitName={unitName} />;
}

function EditCaseForm({ caseId, unitName }: { caseId: string; unitName: string }) {
  const errorText = useErrorText();
  const file = useProcedure('cases.get', { caseId });
  if (file.error) return <Alert type="error" showIcon title={errorText(file.error)} />;
  if (!file.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <CaseFormBody existing={file.data} tip={null} fromTip={null} unitName={unitName} />;
}

/**
 * A new case (blank, or opened by a tip's decision to prosecute and filled from the tip), or the correction of
 * a case's decision, offences and flags. Severity and the investigation deadline follow the offences as typed.
 */
export function CaseFormPage(props: { fromTip: FromTip; caseId?: string }) {
  const { t } = useTranslation();
  const nav = useInvestigationsNavigation();
  const units = useUnits();
  const unitName = units.own?.name ?? '';
  return (
    <>
      <PageHeader
        title={t(props.caseId ? 'investigations.case.editTitle' : 'investigations.case.createTitle')}
        description={t(
          props.fromTip ? 'investigations.case.fromTipDescription' : 'investigations.case.formDescription',
        )}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={nav.back}>
            {t('investigations.common.back')}
          </Button>
        }
      />
      {units.loading ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : props.caseId ? (
        <EditCaseForm caseId={props.caseId} unitName={unitName} />
      ) : props.fromTip ? (
        <FromTipForm fromTip={props.fromTip} unitName={unitName} />
      ) : (
        <CaseFormBody existing={null} tip={null} fromTip={null} unitName={unitName} />
      )}
    </>
  );
}
