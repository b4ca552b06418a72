import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DraftState } from './useDraft';

/** "Hủy" of a form with a draft: cancelling gives the typed values up, draft included, then leaves. */
export function DraftCancelButton({ draft, onCancel }: { draft: DraftState; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      onClick={() => {
        draft.discard();
        onCancel();
      }}
    >
      {t('common.cancel')}
    </Button>
  );
}
