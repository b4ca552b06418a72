import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../../api/useProcedure';
import { useResolveDialog } from './ConflictResolveModal';

/**
 * A record's open conflicts (two workstations changed one field at once), for someone who may resolve them:
 * a badge-like notice on the file and the dialog that settles each one.
 */
export function ConflictsAlert(props: { recordId: string; onResolved: () => void }) {
  const { t } = useTranslation();
  const list = useProcedure('conflicts.list', { recordId: props.recordId, limit: 100 });
  const resolve = useResolveDialog(list.reload, props.onResolved, props.recordId);
  const conflicts = list.data ?? [];
  if (!conflicts.length) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        role="status"
        data-testid="conflicts-alert"
        style={{ marginBottom: 20 }}
        title={t('conflicts.badge', { count: conflicts.length })}
        description={t('conflicts.explain')}
        action={
          <Button onClick={() => resolve.open(conflicts)} type="primary" ghost>
            {t('conflicts.review')}
          </Button>
        }
      />
      {resolve.dialog}
    </>
  );
}
