import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonCategory } from '../../../../../shared/domain/persons';

/** On a file still "Chưa phân loại": how it gets a category (from what is recorded, never chosen by hand). */
export function UnclassifiedNote({ category }: { category: PersonCategory }) {
  const { t } = useTranslation();
  if (category !== 'unclassified') return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 20 }}
      title={t('unclassified.title')}
      description={t('unclassified.how')}
      data-testid="unclassified-note"
    />
  );
}
