import { Button, Card, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../../api/useProcedure';
import { formatDateTime } from '../../i18n/dates';
import { formatPartialDate } from '../persons/format';
import { useOpenScreen } from './open-screen';

/** The files the user opened lately (their own audit trail), still within their scope; a click opens one. */
export function RecentFilesCard() {
  const { t } = useTranslation();
  const openScreen = useOpenScreen();
  const recent = useProcedure('home.recent', { limit: 8 });
  return (
    <Card title={t('home.recent.title')} data-testid="recent-files">
      {recent.data === null && !recent.error ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : !recent.data?.length ? (
        <Typography.Text type="secondary">{t('home.recent.empty')}</Typography.Text>
      ) : (
        <ul className="home-recent">
          {recent.data.map((r) => (
            <li key={`${r.recordType}-${r.recordId}`}>
              <Button
                type="link"
                className="home-queue-title"
                onClick={() =>
                  openScreen(
                    r.recordType === 'person'
                      ? { page: 'persons', view: { kind: 'file', personId: r.recordId } }
                      : { page: 'overview' },
                  )
                }
              >
                {r.title}
              </Button>
              <span className="home-queue-detail">
                {[
                  r.recordType === 'person' ? formatPartialDate(r.subtitle) : r.subtitle,
                  t('home.recent.openedAt', { at: formatDateTime(r.at) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
