import { CloudDownloadOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { contract, type BackupResult } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RecoveryKeyCard } from './RecoveryKeyCard';

const backupFormSchema = z.object({
  path: contract['backup.create'].input.shape.path.min(1, { message: 'required' }),
});
type BackupFormValues = z.input<typeof backupFormSchema>;

function formatBytes(bytes: number, language: string): string {
  const mib = bytes / (1024 * 1024);
  const n = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  return mib >= 1 ? `${n.format(mib)} MiB` : `${n.format(bytes / 1024)} KiB`;
}

/** An encrypted copy of the database and vault, written to a path on this workstation (e.g. a USB stick). */
export function BackupPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [result, setResult] = useState<BackupResult | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<BackupFormValues>({
    resolver: zodResolver(backupFormSchema),
    defaultValues: { path: '' },
  });

  const submit = handleSubmit(async (v) => {
    setResult(null);
    const r = await api.invoke('backup.create', { path: v.path });
    if (!r.ok) {
      applyApiError(r.error, setError, ['path']);
      return;
    }
    setResult(r.value);
  });

  return (
    <>
      <PageHeader title={t('backup.title')} description={t('backup.description')} />
      <Card style={{ maxWidth: 760 }}>
        <Alert type="info" showIcon style={{ marginBottom: 20 }} title={t('backup.note')} />
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('backup.title')}>
          <Form component={false} layout="vertical">
            <FormErrorAlert errors={formState.errors} />
            <Field control={control} name="path" label={t('backup.path')} required extra={t('backup.pathHint')}>
              {(f) => <Input {...f} autoComplete="off" spellCheck={false} placeholder={t('backup.pathPlaceholder')} />}
            </Field>
            <Button type="primary" htmlType="submit" icon={<CloudDownloadOutlined />} loading={formState.isSubmitting}>
              {t('backup.submit')}
            </Button>
          </Form>
        </form>
        {result ? (
          <div style={{ marginTop: 24 }}>
            <Alert type="success" showIcon title={t('backup.done')} style={{ marginBottom: 12 }} />
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'path', label: t('backup.resultPath'), children: result.path },
                { key: 'size', label: t('backup.resultSize'), children: formatBytes(result.bytes, i18n.language) },
                {
                  key: 'sha',
                  label: 'SHA-256',
                  children: (
                    <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
                      {result.sha256}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </div>
        ) : null}
      </Card>
      <RecoveryKeyCard />
    </>
  );
}
