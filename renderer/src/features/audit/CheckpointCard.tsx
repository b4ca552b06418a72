import { FileProtectOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditCheckpoint } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/domain/errors';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { formatDateTime } from '../../i18n/dates';

/**
 * The audit head as a short code for the unit's paper register (electron/audit/checkpoint.ts): the anchor
 * outside the workstation that a rewrite of the log by someone holding the data key cannot follow.
 */
export function CheckpointCard({ onTaken }: { onTaken?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [checkpoint, setCheckpoint] = useState<AuditCheckpoint | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const take = async () => {
    setBusy(true);
    const r = await api.invoke('audit.checkpoint', {});
    setBusy(false);
    if (r.ok) {
      setCheckpoint(r.value);
      setError(null);
      onTaken?.();
    } else setError(r.error);
  };

  return (
    <Card title={t('audit.checkpoint.title')}>
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('audit.checkpoint.description')}
        </Typography.Paragraph>
        <div>
          <Button icon={<FileProtectOutlined />} loading={busy} onClick={() => void take()}>
            {t('audit.checkpoint.button')}
          </Button>
        </div>
        {checkpoint ? (
          <section aria-label={t('audit.checkpoint.label')} data-testid="audit-checkpoint">
            <Typography.Text
              copyable
              strong
              style={{ fontFamily: 'ui-monospace, monospace', fontSize: 20, letterSpacing: 1 }}
            >
              {checkpoint.code}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary">
                {t('audit.checkpoint.takenAt', { at: formatDateTime(checkpoint.at), seq: checkpoint.seq })}
              </Typography.Text>
            </div>
          </section>
        ) : null}
        {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      </Flex>
    </Card>
  );
}
