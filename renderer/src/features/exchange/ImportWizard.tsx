import { ImportOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Statistic,
  Steps,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../../shared/contract';
import type { BundleImported, RefusedItem } from '../../../../shared/contract/exchange';
import type { BundleInspected } from '../../../../shared/contract/exchange-screens';
import type { ApiError } from '../../../../shared/domain/errors';
import { Permissions } from '../../../../shared/domain/roles';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useSignedInSession } from '../../app/session-context';
import { formatDateTime } from '../../i18n/dates';
import { ConflictResolveModal } from '../conflicts/ConflictResolveModal';
import { formatBytes, formatCount, tableLabel } from './exchange-labels';
import { ProgressLine } from './ProgressLine';
import { useCallProgress } from './useCallProgress';

/** The verdict in words: who sent it and whether it can be imported, never a code. */
export function verdictText(t: (k: string, o?: Record<string, unknown>) => string, v: BundleInspected): string {
  const name = v.peer?.name ?? '';
  if (v.verdict === 'gap')
    return t('exchange.import.verdict.gap', { count: v.missing.length, missing: v.missing.join(', '), name });
  if (v.verdict === 'superseded')
    return t('exchange.import.verdict.superseded', { seq: v.seq, name, by: v.supersededBy });
  return t(`exchange.import.verdict.${v.verdict}`, { seq: v.seq, name });
}

function CountsTable({ counts }: { counts: Record<string, number> }) {
  const { t, i18n } = useTranslation();
  const rows = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  if (!rows.length) return null;
  return (
    <Table
      rowKey={(r) => r[0]}
      size="small"
      pagination={false}
      style={{ maxWidth: 560 }}
      aria-label={t('exchange.import.counts')}
      dataSource={rows}
      columns={[
        { key: 'table', title: t('exchange.export.table'), render: (_, r) => tableLabel(t, r[0]) },
        {
          key: 'n',
          title: t('exchange.export.changes'),
          align: 'right',
          render: (_, r) => formatCount(r[1], i18n.language),
        },
      ]}
    />
  );
}

function Outcome({ r }: { r: BundleImported }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatCount(v, i18n.language);
  return (
    <Row
      gutter={[16, 16]}
      align="stretch"
      className="exchange-outcome"
      style={{ marginBottom: 16 }}
      data-testid="import-outcome"
    >
      <Col xs={12} md={6}>
        <Statistic title={t('exchange.import.new')} value={n(r.newRecords)} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('exchange.import.updated')} value={n(r.updatedRecords)} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic
          title={t('exchange.import.conflicts')}
          value={n(r.conflicts)}
          styles={r.conflicts ? { content: { color: '#ad4e00' } } : undefined}
        />
      </Col>
      <Col xs={12} md={6}>
        <Statistic
          title={t('exchange.import.refused')}
          value={n(r.refused.length)}
          styles={r.refused.length ? { content: { color: '#a8071a' } } : undefined}
        />
      </Col>
    </Row>
  );
}

function RefusedList({ items }: { items: RefusedItem[] }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('exchange.import.refusedTitle')}
      </Typography.Title>
      <Table<RefusedItem>
        rowKey={(r) => `${r.tableName}:${r.recordId}`}
        size="small"
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        aria-label={t('exchange.import.refusedTitle')}
        dataSource={items}
        columns={[
          { key: 'table', title: t('exchange.export.table'), render: (_, r) => tableLabel(t, r.tableName) },
          {
            key: 'id',
            title: t('exchange.import.record'),
            render: (_, r) => <Typography.Text className="exchange-mono">{r.recordId}</Typography.Text>,
          },
          {
            key: 'reason',
            title: t('exchange.import.reason'),
            render: (_, r) => t(`exchange.import.refusedReason.${r.reason}`),
          },
        ]}
      />
    </>
  );
}

/**
 * The import wizard: choose the file → its verdict in words → preview (new / updated / conflicting / refused,
 * nothing written) → import with progress → the summary, with the conflicts to resolve and the refused items.
 */
export function ImportWizard({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const session = useSignedInSession();
  const canResolve = session.permissions.includes(Permissions.conflictsResolve);
  const [step, setStep] = useState(0);
  const [path, setPath] = useState('');
  const [inspected, setInspected] = useState<BundleInspected | null>(null);
  const [preview, setPreview] = useState<BundleImported | null>(null);
  const [done, setDone] = useState<BundleImported | null>(null);
  const [busy, setBusy] = useState<null | 'check' | 'preview' | 'apply'>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [conflicts, setConflicts] = useState<ConflictView[] | null>(null);
  const progress = useCallProgress('bundles.import', busy === 'preview' || busy === 'apply');

  const check = async () => {
    setBusy('check');
    setError(null);
    setInspected(null);
    setPreview(null);
    const r = await api.invoke('bundles.inspect', { path });
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setInspected(r.value);
    setStep(1);
  };

  const run = async (mode: 'preview' | 'apply') => {
    setBusy(mode);
    setError(null);
    const r = await api.invoke('bundles.import', { path, preview: mode === 'preview' });
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    if (mode === 'preview') {
      setPreview(r.value);
      setStep(2);
    } else {
      setDone(r.value);
      setStep(3);
      onImported();
    }
  };

  const openConflicts = async () => {
    const r = await api.invoke('conflicts.list', { limit: 100 });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setConflicts(r.value.length ? r.value : null);
  };

  const reset = () => {
    setStep(0);
    setInspected(null);
    setPreview(null);
    setDone(null);
    setError(null);
  };

  const pathIssue = error?.issues?.find((i) => i.path === 'path');
  const errorAlert =
    error && !pathIssue ? (
      <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" />
    ) : null;
  const v = inspected;

  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('exchange.import.intro')}</Typography.Paragraph>
      <Steps
        className="exchange-steps"
        size="small"
        current={step}
        items={(['file', 'verify', 'preview', 'done'] as const).map((k) => ({
          title: t(`exchange.import.steps.${k}`),
        }))}
      />
      {errorAlert}
      {step <= 1 ? (
        <Form layout="vertical" onFinish={() => void check()} style={{ maxWidth: 720 }}>
          <Form.Item
            htmlFor="import-path"
            label={t('exchange.import.path')}
            required
            validateStatus={pathIssue ? 'error' : undefined}
            help={pathIssue ? t(`validation.${pathIssue.code}`) : t('exchange.import.pathHint')}
          >
            <Input
              id="import-path"
              value={path}
              onChange={(e) => {
                setPath(e.target.value);
                if (step === 1) reset();
              }}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('exchange.import.pathPlaceholder')}
            />
          </Form.Item>
          {step === 0 ? (
            <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined />} loading={busy === 'check'}>
              {busy === 'check' ? t('exchange.import.checking') : t('exchange.import.check')}
            </Button>
          ) : null}
        </Form>
      ) : null}
      {step === 1 && v ? (
        <>
          <Alert
            type={
              v.verdict === 'ready'
                ? 'success'
                : v.verdict === 'already_imported' || v.verdict === 'superseded'
                  ? 'info'
                  : v.verdict === 'gap'
                    ? 'warning'
                    : 'error'
            }
            showIcon
            role="status"
            data-testid="bundle-verdict"
            title={verdictText(t, v)}
            description={
              v.verdict === 'ready' && v.skipped.length
                ? t('exchange.import.skipped', {
                    count: v.skipped.length,
                    skipped: v.skipped.join(', '),
                    name: v.peer?.name ?? '',
                  })
                : undefined
            }
            style={{ marginBottom: 16, maxWidth: 720 }}
          />
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ marginBottom: 16, maxWidth: 720 }}
            items={[
              ...(v.peer
                ? [
                    {
                      key: 'sender',
                      label: t('exchange.import.sender'),
                      children: `${v.peer.name} (${v.peer.unitCode})`,
                    },
                  ]
                : []),
              ...(v.seq !== null ? [{ key: 'seq', label: t('exchange.import.seq'), children: String(v.seq) }] : []),
              ...(v.createdAt
                ? [{ key: 'created', label: t('exchange.import.createdAt'), children: formatDateTime(v.createdAt) }]
                : []),
              ...(v.purpose ? [{ key: 'purpose', label: t('exchange.import.purpose'), children: v.purpose }] : []),
              {
                key: 'file',
                label: t('exchange.import.fileSize'),
                children: `${v.fileName} · ${formatBytes(v.bytes, i18n.language)}`,
              },
            ]}
          />
          <CountsTable counts={v.counts} />
          <Flex gap={8} style={{ marginTop: 16 }}>
            <Button onClick={reset}>{t('exchange.import.cancel')}</Button>
            {v.verdict === 'ready' ? (
              <Button type="primary" loading={busy === 'preview'} onClick={() => void run('preview')}>
                {t('exchange.import.preview')}
              </Button>
            ) : null}
          </Flex>
          {busy === 'preview' ? <ProgressLine label={t('exchange.import.previewing')} progress={progress} /> : null}
        </>
      ) : null}
      {step === 2 && preview ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 17 }}>
            {t('exchange.import.previewTitle')}
          </Typography.Title>
          <Outcome r={preview} />
          <CountsTable counts={preview.counts} />
          <RefusedList items={preview.refused} />
          {busy === 'apply' ? <ProgressLine label={t('exchange.import.applying')} progress={progress} /> : null}
          <Flex gap={8} style={{ marginTop: 16 }}>
            <Button onClick={reset} disabled={busy !== null}>
              {t('exchange.import.cancel')}
            </Button>
            <Button
              type="primary"
              icon={<ImportOutlined />}
              loading={busy === 'apply'}
              onClick={() => void run('apply')}
            >
              {t('exchange.import.apply')}
            </Button>
          </Flex>
        </>
      ) : null}
      {step === 3 && done ? (
        <Result
          status={done.refused.length ? 'warning' : 'success'}
          title={t('exchange.import.done', { seq: done.seq, name: done.peerName })}
          subTitle={
            done.acknowledged !== null ? t('exchange.import.acknowledged', { seq: done.acknowledged }) : undefined
          }
          extra={<Button onClick={reset}>{t('exchange.import.another')}</Button>}
        >
          <Outcome r={done} />
          {done.skipped.length ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="import-skipped"
              title={t('exchange.import.skippedDone', { count: done.skipped.length, skipped: done.skipped.join(', ') })}
            />
          ) : null}
          {done.closedConflicts > 0 ? (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="import-closed-conflicts"
              title={t('exchange.import.closedNote', { count: done.closedConflicts })}
            />
          ) : null}
          {done.conflicts > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('exchange.import.conflictsNote', { count: done.conflicts })}
              description={canResolve ? undefined : t('exchange.import.conflictsLeader')}
              action={
                canResolve ? (
                  <Button type="primary" ghost onClick={() => void openConflicts()}>
                    {t('exchange.import.reviewConflicts')}
                  </Button>
                ) : undefined
              }
            />
          ) : null}
          <RefusedList items={done.refused} />
        </Result>
      ) : null}
      {conflicts ? (
        <ConflictResolveModal conflicts={conflicts} onClose={() => setConflicts(null)} onResolved={() => undefined} />
      ) : null}
    </Card>
  );
}
