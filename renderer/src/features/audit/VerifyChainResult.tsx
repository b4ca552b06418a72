import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditVerification } from '../../../../shared/contract';

/** What `audit.verify` found: an intact chain, or each problem by entry number. */
export function VerifyChainResult({ result }: { result: AuditVerification }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        title={t('audit.verify.ok')}
        description={t('audit.verify.okDetail', { entries: result.entries, head: result.headSeq })}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('audit.verify.broken', { count: result.problems.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {result.problems.map((p) => (
            <li key={`${p.seq}-${p.kind}`}>{t(`audit.problems.${p.kind}`, { seq: p.seq })}</li>
          ))}
        </ul>
      }
    />
  );
}
