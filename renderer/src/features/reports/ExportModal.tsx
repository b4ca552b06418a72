import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/domain/errors';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import type { ReportQueryBase } from './ReportsPage';
import { formatNumber } from './report-format';

/**
 * Exports the report the user is looking at to a file they name (Excel or CSV). The host writes it and the
 * audit log records who exported what period and area, in which format.
 */
export function ExportModal({
  format,
  query,
  onClose,
}: {
  format: 'xlsx' | 'csv' | null;
  query: ReportQueryBase;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [path, setPath] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = error?.issues?.find((i) => i.path === 'path');

  const submit = async () => {
    if (!format) return;
    setBusy(true);
    const r = await api.invoke('reports.export', { ...query, format, path });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(
      t('reports.export.done', { path: r.value.path ?? r.value.fileName, bytes: formatNumber(r.value.bytes, 0) }),
    );
    setError(null);
    setPath('');
    onClose();
  };

  return (
    <Modal
      open={format !== null}
      title={t('reports.export.title', { format: format === 'csv' ? 'CSV' : 'Excel' })}
      okText={t('reports.export.submit')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {error && !fieldError ? (
        <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          htmlFor="report-export-path"
          label={t('reports.export.path')}
          required
          validateStatus={fieldError ? 'error' : undefined}
          help={fieldError ? t(`validation.${fieldError.code}`) : t('reports.export.pathHint')}
        >
          <Input
            id="report-export-path"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder={format === 'csv' ? '/media/usb/bao-cao.csv' : t('reports.export.pathPlaceholder')}
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('reports.export.audited')}
      </Typography.Text>
    </Modal>
  );
}
