import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../../api/useProcedure';
import { ConflictResolveModal } from './ConflictResolveModal';

/**
 * A record's open conflicts (two workstations changed one field at once), for someone who may resolve them:
 * a badge-like notice on the file and the dialog that settles each one.
 */
export function ConflictsAlert(props: { recordId: string; onResolved: () => void }) {
  const { t } = useTranslation();
  const list = useProcedure('conflicts.list', { recordId: props.recordId, limit: 100 });
  const [open, setOpen] = useState(false);
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
          <Button onClick={() => setOpen(true)} type="primary" ghost>
            {t('conflicts.review')}
          </Button>
        }
      />
      {open ? (
        <ConflictResolveModal
          conflicts={conflicts}
          onClose={() => setOpen(false)}
          onResolved={() => {
            list.reload();
            props.onResolved();
          }}
        />
      ) : null}
    </>
  );
}
