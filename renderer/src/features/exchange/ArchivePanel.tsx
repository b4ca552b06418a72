import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/domain/errors';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { formatDateTime } from '../../i18n/dates';

const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** Archive recipients: plain age keys every bundle is also encrypted to (administrators add them). */
export function ArchivePanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const list = useProcedure('archive.list', {});
  const [recipient, setRecipient] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    // Checked here too, so that a typo is named before the host is asked (the host checks it again).
    if (!AGE_RECIPIENT.test(recipient.trim())) {
      setError({ code: 'INVALID_INPUT', message: '', issues: [{ path: 'recipient', code: 'age_recipient_format' }] });
      return;
    }
    setBusy(true);
    const r = await api.invoke('archive.add', { recipient: recipient.trim(), ...(label.trim() ? { label } : {}) });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setRecipient('');
    setLabel('');
    void message.success(t('exchange.archive.added'));
    list.reload();
  };

  const issue = (f: string) => error?.issues?.find((i) => i.path === f);
  const placed = issue('recipient') || issue('label');
  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('exchange.archive.intro')}</Typography.Paragraph>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      <Table
        rowKey="recipient"
        size="small"
        pagination={false}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        style={{ marginBottom: 24 }}
        aria-label={t('exchange.tabs.archive')}
        dataSource={list.data ?? []}
        locale={{ emptyText: <span className="exchange-muted">{t('exchange.archive.empty')}</span> }}
        columns={[
          { key: 'label', title: t('exchange.archive.label'), dataIndex: 'label' },
          {
            key: 'recipient',
            title: t('exchange.archive.recipient'),
            render: (_, r) => <Typography.Text className="exchange-mono">{r.recipient}</Typography.Text>,
          },
          { key: 'at', title: t('exchange.archive.addedAt'), render: (_, r) => formatDateTime(r.addedAt) },
        ]}
      />
      {canManage ? (
        <Form layout="vertical" onFinish={() => void add()} style={{ maxWidth: 720 }}>
          {error && !placed ? (
            <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />
          ) : null}
          <Form.Item
            htmlFor="archive-recipient"
            label={t('exchange.archive.recipient')}
            required
            validateStatus={issue('recipient') ? 'error' : undefined}
            help={
              issue('recipient') ? t(`validation.${issue('recipient')!.code}`) : t('exchange.archive.recipientHint')
            }
          >
            <Input
              id="archive-recipient"
              value={recipient}
              onChange={(e) => setRecipient(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="exchange-mono"
              placeholder="age1…"
            />
          </Form.Item>
          <Form.Item
            htmlFor="archive-label"
            label={t('exchange.archive.label')}
            validateStatus={issue('label') ? 'error' : undefined}
            help={issue('label') ? t(`validation.${issue('label')!.code}`) : undefined}
          >
            <Input
              id="archive-label"
              value={label}
              maxLength={100}
              onChange={(e) => setLabel(e.target.value)}
              autoComplete="off"
              placeholder={t('exchange.archive.labelPlaceholder')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {t('exchange.archive.add')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
