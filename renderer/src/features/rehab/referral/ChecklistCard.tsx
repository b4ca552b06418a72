import {
  CheckCircleFilled,
  ExclamationCircleOutlined,
  EyeOutlined,
  PaperClipOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Modal, Spin, Typography } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { documentExportSchema, rehabContract } from '../../../../../shared/contract/rehab';
import type { ChecklistEntry, ReferralDossier } from '../../../../../shared/contract/rehab-types';
import type { DossierItem } from '../../../../../shared/domain/rehab';
import type { ApiError } from '../../../../../shared/domain/errors';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { applyRehabError } from '../rehab-errors';
import { Field } from '../../../components/Field';
import { formatDate } from '../../../i18n/dates';
import { contractResolver, fieldControl } from '../../persons/contract-resolver';
import { DateField } from '../../persons/DateField';
import { todayIso } from '../../persons/format';
import { useRehabLabels } from '../labels';
import { RehabModalForm, useInvalidFocus } from '../RehabModalForm';

const MAX_SCAN_BYTES = 2_000_000;
const SCAN_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

const documentSchema = rehabContract['referrals.setDocument'].input;
interface DocumentForm {
  on: string;
  note: string;
  scan: string;
}

/** Marks a checklist item as in the dossier, with its date, a note and (optionally) a scan. */
function DocumentModal(props: {
  referralId: string;
  entry: ChecklistEntry;
  onClose: () => void;
  onDone: (d: ReferralDossier) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const { formId, onInvalid } = useInvalidFocus();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const {
    control: fc,
    handleSubmit,
    setError,
    clearErrors,
    setValue,
    formState,
  } = useForm<DocumentForm, unknown, z.output<typeof documentSchema>>({
    resolver: contractResolver(documentSchema, (v: DocumentForm) => ({
      referralId: props.referralId,
      item: props.entry.item,
      done: true,
      on: v.on,
      note: v.note.trim() ? v.note.trim() : null,
      scan: v.scan ? v.scan : undefined,
    })),
    defaultValues: { on: props.entry.doneOn ?? todayIso(), note: props.entry.note ?? '', scan: '' },
  });
  const control = fieldControl(fc);
  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (!SCAN_TYPES.includes(file.type)) return setError('scan', { type: 'client', message: 'scan_format' });
    if (file.size > MAX_SCAN_BYTES) return setError('scan', { type: 'client', message: 'scan_too_large' });
    clearErrors('scan');
    setValue('scan', await readDataUrl(file));
    setFileName(file.name);
  };
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('referrals.setDocument', input);
    if (!res.ok) return applyRehabError(res.error, setError, ['on', 'note', 'scan']);
    props.onDone(res.value);
  }, onInvalid);
  return (
    <RehabModalForm
      title={t('rehab.checklist.markTitle', { item: labels.dossierItem[props.entry.item] })}
      okText={t('rehab.checklist.markSave')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      <Field control={control} name="on" label={t('rehab.checklist.on')} required>
        {(f) => <DateField {...f} notFuture placeholder={t('rehab.datePlaceholder')} />}
      </Field>
      <Field
        control={control}
        name="scan"
        label={props.entry.hasScan ? t('rehab.checklist.scanReplace') : t('rehab.checklist.scan')}
        extra={fileName ? t('rehab.checklist.scanChosen') : t('rehab.checklist.scanHint')}
      >
        {({ id, ...f }) => (
          <Flex gap={8} align="center">
            <input
              ref={fileRef}
              id={id}
              type="file"
              accept={SCAN_TYPES.join(',')}
              className="rehab-file-input"
              aria-invalid={f['aria-invalid']}
              aria-describedby={f['aria-describedby']}
              onChange={(e) => {
                void choose(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <Button icon={<PaperClipOutlined />} onClick={() => fileRef.current?.click()}>
              {t('rehab.checklist.chooseFile')}
            </Button>
          </Flex>
        )}
      </Field>
      <Field control={control} name="note" label={t('rehab.checklist.note')}>
        {(f) => <Input {...f} maxLength={500} autoComplete="off" />}
      </Field>
    </RehabModalForm>
  );
}

interface ExportForm {
  purpose: string;
  path: string;
}
const EXPORT_FIELDS = ['purpose', 'path'] as const;

/**
 * Saving a scan as a file is an export of personal data: a decrypted copy outside the encrypted database. Only on
 * the user's explicit choice, after a warning, with a purpose and a file name the user gives; the host writes
 * it (never overwriting) and records it in the audit log as an export.
 */
function ScanExportModal(props: { referralId: string; item: DossierItem; pdf: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const { message } = App.useApp();
  const { formId, onInvalid } = useInvalidFocus();
  const {
    control: fc,
    handleSubmit,
    setError,
    formState,
  } = useForm<ExportForm, unknown, z.output<typeof documentExportSchema>>({
    resolver: contractResolver(documentExportSchema, (v: ExportForm) => ({
      referralId: props.referralId,
      item: props.item,
      purpose: v.purpose,
      path: v.path,
    })),
    defaultValues: { purpose: '', path: '' },
  });
  const control = fieldControl(fc);
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('referrals.exportDocument', input);
    if (!res.ok) return applyRehabError(res.error, setError, EXPORT_FIELDS);
    void message.success(t('rehab.checklist.exportDone', { path: res.value.path }));
    props.onClose();
  }, onInvalid);
  return (
    <RehabModalForm
      title={t('rehab.checklist.exportTitle', { item: labels.dossierItem[props.item] })}
      okText={t('rehab.checklist.exportSave')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
      danger
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('rehab.checklist.exportWarningTitle')}
        description={t('rehab.checklist.exportWarning')}
      />
      <Field control={control} name="purpose" label={t('rehab.checklist.exportPurpose')} required>
        {(f) => (
          <Input {...f} maxLength={200} autoComplete="off" placeholder={t('rehab.checklist.exportPurposeHint')} />
        )}
      </Field>
      <Field
        control={control}
        name="path"
        label={t('rehab.checklist.exportPath')}
        required
        extra={t('rehab.checklist.exportPathHint')}
      >
        {(f) => (
          <Input
            {...f}
            autoComplete="off"
            spellCheck={false}
            placeholder={props.pdf ? '/media/usb/ho-so/tai-lieu.pdf' : '/media/usb/ho-so/tai-lieu.jpg'}
          />
        )}
      </Field>
    </RehabModalForm>
  );
}

/**
 * Shows a document's scan, read on request from the host (audited); images inline. A PDF cannot be shown (the
 * content policy forbids a frame): the user may save a copy, which is an export (ScanExportModal).
 */
function ScanModal(props: { referralId: string; item: DossierItem; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const errorText = useErrorText();
  const [scan, setScan] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [exporting, setExporting] = useState(false);
  useEffect(() => {
    let current = true;
    void api.invoke('referrals.document', { referralId: props.referralId, item: props.item }).then((r) => {
      if (!current) return;
      if (r.ok) setScan(r.value.scan);
      else setError(r.error);
    });
    return () => {
      current = false;
    };
  }, [api, props.referralId, props.item]);
  const pdf = Boolean(scan?.startsWith('data:application/pdf'));
  return (
    <Modal
      open
      title={t('rehab.checklist.scanTitle', { item: labels.dossierItem[props.item] })}
      onCancel={props.onClose}
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          {scan ? (
            <Button icon={<SaveOutlined />} onClick={() => setExporting(true)}>
              {t('rehab.checklist.exportOpen')}
            </Button>
          ) : null}
          <Button onClick={props.onClose}>{t('rehab.print.close')}</Button>
        </Flex>
      }
      width={880}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {scan === undefined && !error ? <Spin /> : null}
      {scan === null ? <Typography.Text type="secondary">{t('rehab.checklist.noScan')}</Typography.Text> : null}
      {scan && !pdf ? (
        <img
          src={scan}
          alt={t('rehab.checklist.scanAlt', { item: labels.dossierItem[props.item] })}
          className="rehab-scan-image"
        />
      ) : null}
      {scan && pdf ? <Typography.Text>{t('rehab.checklist.pdfNote')}</Typography.Text> : null}
      {exporting ? (
        <ScanExportModal
          referralId={props.referralId}
          item={props.item}
          pdf={pdf}
          onClose={() => setExporting(false)}
        />
      ) : null}
    </Modal>
  );
}

/**
 * The dossier's documents (Decree 116): each item required or not, whether it is in the dossier and since when,
 * and its scan. Scans are stored encrypted by the host and shown only on request (the read is audited).
 */
export function ChecklistCard(props: {
  dossier: ReferralDossier;
  canWrite: boolean;
  onChanged: (d: ReferralDossier) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const titleId = useId();
  const [marking, setMarking] = useState<ChecklistEntry | null>(null);
  const [viewing, setViewing] = useState<DossierItem | null>(null);
  const r = props.dossier.referral;
  const list = props.dossier.checklist;
  const missing = list.filter((c) => c.required && !c.done).length;

  const untick = (c: ChecklistEntry) =>
    modal.confirm({
      title: t('rehab.checklist.untickConfirm', { item: labels.dossierItem[c.item] }),
      okText: t('rehab.checklist.untick'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const res = await api.invoke('referrals.setDocument', { referralId: r.id, item: c.item, done: false });
        if (!res.ok) return void message.error(errorText(res.error));
        props.onChanged(res.value);
      },
    });

  return (
    <Card
      title={<span id={titleId}>{t('rehab.checklist.title')}</span>}
      extra={
        missing ? (
          <Typography.Text type="danger">{t('rehab.checklist.missing', { count: missing })}</Typography.Text>
        ) : (
          <Typography.Text className="rehab-checklist-done">{t('rehab.checklist.complete')}</Typography.Text>
        )
      }
    >
      <ul className="rehab-checklist" aria-labelledby={titleId}>
        {list.map((c) => (
          <li key={c.item} className="rehab-checklist-item" data-testid={`doc-${c.item}`}>
            {c.done ? (
              <CheckCircleFilled className="rehab-checklist-done" aria-label={t('rehab.checklist.done')} />
            ) : (
              <ExclamationCircleOutlined
                className={c.required ? 'rehab-checklist-missing' : 'rehab-muted'}
                aria-label={t('rehab.checklist.notDone')}
              />
            )}
            <Flex vertical gap={2}>
              <Typography.Text strong={c.required}>
                {labels.dossierItem[c.item]}
                {c.required ? '' : ` (${t('rehab.checklist.optional')})`}
              </Typography.Text>
              <Typography.Text type="secondary" className="rehab-small">
                {c.done
                  ? t('rehab.checklist.doneOn', { date: formatDate(c.doneOn) })
                  : c.required
                    ? t('rehab.checklist.required')
                    : t('rehab.checklist.notDone')}
                {c.hasScan ? ` · ${t('rehab.checklist.hasScan')}` : ''}
                {c.note ? ` · ${c.note}` : ''}
              </Typography.Text>
            </Flex>
            <Flex gap={6} wrap justify="flex-end">
              {c.hasScan ? (
                <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(c.item)}>
                  {t('rehab.checklist.viewScan')}
                </Button>
              ) : null}
              {props.canWrite ? (
                <Button size="small" type={c.done ? 'default' : 'primary'} onClick={() => setMarking(c)}>
                  {c.done ? t('rehab.checklist.edit') : t('rehab.checklist.mark')}
                </Button>
              ) : null}
              {props.canWrite && c.done ? (
                <Button size="small" type="text" danger onClick={() => untick(c)}>
                  {t('rehab.checklist.untick')}
                </Button>
              ) : null}
            </Flex>
          </li>
        ))}
      </ul>
      {marking ? (
        <DocumentModal
          referralId={r.id}
          entry={marking}
          onClose={() => setMarking(null)}
          onDone={(d) => {
            setMarking(null);
            void message.success(t('rehab.checklist.saved'));
            props.onChanged(d);
          }}
        />
      ) : null}
      {viewing ? <ScanModal referralId={r.id} item={viewing} onClose={() => setViewing(null)} /> : null}
    </Card>
  );
}
