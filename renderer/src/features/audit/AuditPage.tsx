import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView, AuditVerification, InputOf } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/domain/errors';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { PageHeader } from '../../components/PageHeader';
import { AuditFilters, NO_FILTER, type AuditFilter } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { CheckpointCard } from './CheckpointCard';
import { VerifyChainResult } from './VerifyChainResult';

const PAGE = 200;

function toInput(f: AuditFilter, beforeSeq?: number): InputOf<'audit.list'> {
  return {
    limit: PAGE,
    ...(f.accountId ? { accountId: f.accountId } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.range ? { from: f.range[0].format('YYYY-MM-DD'), to: f.range[1].format('YYYY-MM-DD') } : {}),
    ...(beforeSeq ? { beforeSeq } : {}),
  };
}

/** The audit log for auditors: filter it, page back through it, and verify its hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [accounts, setAccounts] = useState<ReadonlyMap<string, string>>(new Map());
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  const load = useCallback(
    async (f: AuditFilter, beforeSeq?: number) => {
      setLoading(true);
      const r = await api.invoke('audit.list', toInput(f, beforeSeq));
      setLoading(false);
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setError(null);
      setEntries((old) => (beforeSeq ? [...old, ...r.value] : r.value));
      setHasMore(r.value.length === PAGE);
      setAccounts((known) => {
        const next = new Map(known);
        for (const e of r.value) if (e.accountId && e.username) next.set(e.accountId, e.username);
        return next.size === known.size ? known : next;
      });
    },
    [api],
  );

  useEffect(() => {
    // The first page, once; later pages follow the user's filters and "load more".
    void load(NO_FILTER); // eslint-disable-line react-hooks/set-state-in-effect -- loading on mount is the point
  }, [load]);

  const verify = async () => {
    setVerifying(true);
    const r = await api.invoke('audit.verify', {});
    setVerifying(false);
    if (r.ok) setVerification(r.value);
    else setError(r.error);
    void load(filter);
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
            {t('audit.verify.button')}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        {verification ? <VerifyChainResult result={verification} /> : null}
        {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
        <CheckpointCard onTaken={() => void load(filter)} />
        <Card>
          <AuditFilters
            accounts={accounts}
            onApply={(f) => {
              setFilter(f);
              void load(f);
            }}
          />
        </Card>
        <Card>
          <section aria-label={t('audit.tableLabel')}>
            <AuditTable entries={entries} loading={loading} />
          </section>
          <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('audit.shown', { count: entries.length })}</Typography.Text>
            {hasMore ? (
              <Button onClick={() => void load(filter, entries[entries.length - 1]?.seq)}>
                {t('common.loadMore')}
              </Button>
            ) : null}
          </Flex>
        </Card>
      </Flex>
    </>
  );
}
