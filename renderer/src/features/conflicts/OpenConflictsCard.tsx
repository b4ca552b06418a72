import { WarningOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../../api/useProcedure';
import { formatCount } from '../exchange/exchange-labels';
import { conflictAuthor, conflictFieldLabel, conflictRecordLabel, useResolveDialog } from './ConflictResolveModal';

/** How many open conflicts the card names; the dialog goes through all of them. */
const SHOWN = 5;

/**
 * Home, for a leader: the merge conflicts still open (two stations changed one field before their bundles
 * crossed). The import's summary offers them once; after that they wait here, whatever record they are on,
 * until a leader settles them. A whole row of home's grid (a `Col`), and nothing at all when there are none.
 */
export function OpenConflictsCard() {
  const { t, i18n } = useTranslation();
  const list = useProcedure('conflicts.list', { limit: 100 });
  const resolve = useResolveDialog(list.reload);
  const conflicts = list.data ?? [];
  if (!conflicts.length) return null;
  return (
    <Col xs={24}>
      <Card
        data-testid="open-conflicts"
        title={
          <Flex gap={8} align="center">
            <WarningOutlined style={{ color: '#ad4e00' }} />
            {t('conflicts.homeTitle', { count: conflicts.length, n: formatCount(conflicts.length, i18n.language) })}
          </Flex>
        }
        extra={
          <Button type="primary" ghost onClick={() => resolve.open(conflicts)}>
            {t('conflicts.review')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('conflicts.explain')}</Typography.Paragraph>
        <List
          size="small"
          dataSource={conflicts.slice(0, SHOWN)}
          rowKey={(c) => c.id}
          renderItem={(c) => (
            <List.Item>
              <Flex vertical gap={2}>
                <span>
                  <strong>{conflictRecordLabel(t, c)}</strong> · {conflictFieldLabel(t, c.field)}
                </span>
                <Typography.Text type="secondary">
                  {conflictAuthor(t, c.current)} · {conflictAuthor(t, c.other)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
        {conflicts.length > SHOWN ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('conflicts.homeMore', { n: formatCount(conflicts.length - SHOWN, i18n.language) })}
          </Typography.Paragraph>
        ) : null}
        {resolve.dialog}
      </Card>
    </Col>
  );
}
