import { ExportOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Result,
  Select,
  Spin,
  Steps,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleExported, PeerView } from '../../../../shared/contract/exchange';
import type { OutgoingPreview } from '../../../../shared/contract/exchange-screens';
import type { ApiError } from '../../../../shared/domain/errors';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { formatBytes, formatCount, tableLabel } from './exchange-labels';
import { ProgressLine } from './ProgressLine';
import { useCallProgress } from './useCallProgress';

/** The export wizard: peer → what would travel → purpose and folder → progress → the file written. */
export function ExportWizard({ onWritten }: { onWritten: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const peers = useProcedure('peers.list', {});
  const [step, setStep] = useState(0);
  const [peerId, setPeerId] = useState<string | undefined>(undefined);
  const [preview, setPreview] = useState<OutgoingPreview | null>(null);
  const [purpose, setPurpose] = useState('');
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<BundleExported | null>(null);
  const progress = useCallProgress('bundles.export', busy && step === 2);
  const active = (peers.data ?? []).filter((p) => p.status === 'active');
  const peer: PeerView | undefined = active.find((p) => p.id === peerId);
  const n = (v: number) => formatCount(v, i18n.language);

  const loadPreview = async () => {
    if (!peerId) {
      setError({ code: 'INVALID_INPUT', message: '', issues: [{ path: 'peerId', code: 'required' }] });
      return;
    }
    setBusy(true);
    setError(null);
    const r = await api.invoke('bundles.outgoing', { peerId });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setPreview(r.value);
    setStep(1);
  };

  const write = async () => {
    if (!peerId) return;
    setBusy(true);
    setError(null);
    const r = await api.invoke('bundles.export', { peerId, out: folder, purpose });
    if (!r.ok) {
      setBusy(false);
      setError(r.error);
      return;
    }
    setBusy(false);
    // The file's size, when the host's answer carries it.
    setWritten(r.value);
    setStep(3);
    onWritten();
  };

  const issue = (field: string) => error?.issues?.find((i) => i.path === field);
  const help = (field: string, hint?: string) => {
    const i = issue(field);
    return i ? t(`validation.${i.code}`) : hint;
  };
  const placed = ['peerId', 'purpose', 'out'].some((f) => issue(f));
  const errorAlert =
    error && !placed ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} /> : null;

  const reset = () => {
    setStep(0);
    setPreview(null);
    setPurpose('');
    setWritten(null);
    setError(null);
  };

  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('exchange.export.intro')}</Typography.Paragraph>
      <Steps
        className="exchange-steps"
        size="small"
        current={step}
        items={(['peer', 'preview', 'write', 'done'] as const).map((k) => ({ title: t(`exchange.export.steps.${k}`) }))}
      />
      {errorAlert}
      {step === 0 ? (
        peers.loading ? (
          <Spin />
        ) : active.length === 0 ? (
          <Alert type="info" showIcon title={t('exchange.export.noPeers')} />
        ) : (
          <Form layout="vertical" onFinish={() => void loadPreview()} style={{ maxWidth: 520 }}>
            <Form.Item
              htmlFor="export-peer"
              label={t('exchange.export.peer')}
              required
              validateStatus={issue('peerId') ? 'error' : undefined}
              help={help('peerId')}
            >
              <Select
                id="export-peer"
                value={peerId}
                placeholder={t('exchange.export.peerPlaceholder')}
                onChange={(v: string) => setPeerId(v)}
                options={active.map((p) => ({ value: p.id, label: `${p.name} (${p.unitCode})` }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('exchange.export.next')}
            </Button>
          </Form>
        )
      ) : null}
      {step === 1 && preview && peer ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 17 }}>
            {t('exchange.export.previewTitle', { seq: preview.nextSeq, name: peer.name })}
          </Typography.Title>
          {preview.tables.length === 0 ? (
            <Alert type="info" showIcon title={t('exchange.export.previewEmpty')} style={{ marginBottom: 16 }} />
          ) : (
            <Table
              rowKey="table"
              size="small"
              pagination={false}
              style={{ maxWidth: 640, marginBottom: 8 }}
              aria-label={t('exchange.export.steps.preview')}
              dataSource={preview.tables}
              columns={[
                { key: 'table', title: t('exchange.export.table'), render: (_, r) => tableLabel(t, r.table) },
                { key: 'records', title: t('exchange.export.records'), align: 'right', render: (_, r) => n(r.records) },
                { key: 'changes', title: t('exchange.export.changes'), align: 'right', render: (_, r) => n(r.changes) },
              ]}
            />
          )}
          <Typography.Paragraph>{t('exchange.export.total', { changes: n(preview.changes) })}</Typography.Paragraph>
          <Flex gap={8}>
            <Button onClick={() => setStep(0)}>{t('exchange.export.back')}</Button>
            <Button type="primary" onClick={() => setStep(2)}>
              {t('exchange.export.next')}
            </Button>
          </Flex>
        </>
      ) : null}
      {step === 2 && peer ? (
        <Form layout="vertical" onFinish={() => void write()} style={{ maxWidth: 640 }}>
          <Form.Item
            htmlFor="export-purpose"
            label={t('exchange.export.purpose')}
            required
            validateStatus={issue('purpose') ? 'error' : undefined}
            help={help('purpose', t('exchange.export.purposeHint'))}
          >
            <Input
              id="export-purpose"
              value={purpose}
              maxLength={200}
              onChange={(e) => setPurpose(e.target.value)}
              autoComplete="off"
            />
          </Form.Item>
          <Form.Item
            htmlFor="export-folder"
            label={t('exchange.export.folder')}
            required
            validateStatus={issue('out') ? 'error' : undefined}
            help={help('out', t('exchange.export.folderHint'))}
          >
            <Input
              id="export-folder"
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('exchange.export.folderPlaceholder')}
            />
          </Form.Item>
          {busy ? <ProgressLine label={t('exchange.export.writing')} progress={progress} /> : null}
          <Flex gap={8}>
            <Button onClick={() => setStep(1)} disabled={busy}>
              {t('exchange.export.back')}
            </Button>
            <Button type="primary" htmlType="submit" icon={<ExportOutlined />} loading={busy}>
              {t('exchange.export.write')}
            </Button>
          </Flex>
        </Form>
      ) : null}
      {step === 3 && written && peer ? (
        <Result
          status="success"
          title={t('exchange.export.done', { seq: written.seq, name: peer.name })}
          subTitle={t('exchange.export.carry')}
          extra={<Button onClick={reset}>{t('exchange.export.another')}</Button>}
        >
          <Descriptions
            styles={{ label: { whiteSpace: 'nowrap' } }}
            bordered
            size="small"
            column={1}
            items={[
              {
                key: 'file',
                label: t('exchange.export.file'),
                children: <Typography.Text className="exchange-mono">{written.file}</Typography.Text>,
              },
              {
                key: 'size',
                label: t('exchange.export.size'),
                children: <span data-testid="export-size">{formatBytes(written.bytes, i18n.language)}</span>,
              },
              {
                key: 'changes',
                label: t('exchange.export.changes'),
                children: n(written.changes),
              },
              {
                key: 'basis',
                label: '',
                children: written.basis
                  ? t('exchange.export.basis', { seq: written.basis })
                  : t('exchange.export.basisNone'),
              },
              ...(written.receiptFor !== null
                ? [
                    {
                      key: 'receipt',
                      label: '',
                      children: t('exchange.export.receiptFor', { seq: written.receiptFor }),
                    },
                  ]
                : []),
            ]}
          />
        </Result>
      ) : null}
    </Card>
  );
}
