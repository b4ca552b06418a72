import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/dates';
import type { DraftState } from './useDraft';

/** "Đã khôi phục bản nháp chưa lưu", with the way to throw the draft away. Nothing when the form opened clean. */
export function DraftNotice({ draft }: { draft: DraftState }) {
  const { t } = useTranslation();
  if (!draft.restoredAt) return null;
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      className="draft-notice"
      style={{ marginBottom: 16 }}
      title={t('drafts.restored')}
      description={t('drafts.restoredAt', { time: formatDateTime(draft.restoredAt) })}
      action={
        <Button icon={<DeleteOutlined />} onClick={draft.discard}>
          {t('drafts.discard')}
        </Button>
      }
    />
  );
}
