import { RightOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../../api/useProcedure';
import { useSession, useSignedInSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { Permissions } from '../../../../shared/domain/roles';
import { PendingGrantsCard } from '../accounts/PendingGrantsCard';
import { allowedNavigation, type PageKey } from '../shell/navigation';
import './overview.css';

/** The home page: who is signed in, where to go, and what this workstation holds (counts only). */
export function OverviewPage({ onNavigate }: { onNavigate: (page: PageKey) => void }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { preferences } = useSession();
  const info = useProcedure('app.info', {});
  const shortcuts = allowedNavigation(session.permissions).filter((n) => n.key !== 'overview');

  return (
    <>
      <PageHeader
        title={t('overview.greeting', { name: session.displayName })}
        description={t(`overview.roleIntro.${session.role}`)}
      />
      {session.rolePending ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 20 }}
          title={t('grants.rolePendingTitle')}
          description={t('grants.rolePendingBody', { role: t(`roles.${session.role}`) })}
        />
      ) : null}
      <Row gutter={[20, 20]}>
        {session.permissions.includes(Permissions.accountsApproveGrants) ? (
          <Col xs={24}>
            <PendingGrantsCard />
          </Col>
        ) : null}
        <Col xs={24} xl={16}>
          <Card title={t('overview.shortcuts')}>
            <Row gutter={[16, 16]}>
              {shortcuts.map((n) => (
                <Col xs={24} md={12} key={n.key}>
                  <button type="button" className="overview-shortcut" onClick={() => onNavigate(n.key)}>
                    <span className="overview-shortcut-icon">{n.icon}</span>
                    <span className="overview-shortcut-text">
                      <span className="overview-shortcut-title">{t(`nav.${n.key}`)}</span>
                      <span className="overview-shortcut-desc">{t(`overview.describe.${n.key}`)}</span>
                    </span>
                    <RightOutlined aria-hidden className="overview-shortcut-arrow" />
                  </button>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            title={
              <Flex gap={8} align="center">
                <SafetyOutlined /> {t('overview.security')}
              </Flex>
            }
          >
            <Typography.Paragraph>{t('overview.idle', { count: preferences.idleMinutes })}</Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('overview.lockShortcut')}</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('overview.workstation')}>
            {info.data ? (
              <>
                <Row gutter={[16, 16]} style={{ marginBottom: 20 }}>
                  {(['accounts', 'units', 'audit_log', 'change_log'] as const).map((k) => (
                    <Col xs={12} md={6} key={k}>
                      <Statistic title={t(`overview.counts.${k}`)} value={info.data?.counts[k] ?? 0} />
                    </Col>
                  ))}
                </Row>
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'ws', label: t('overview.workstationId'), children: info.data.workstationId },
                    { key: 'schema', label: t('overview.schema'), children: info.data.schemaVersion },
                    { key: 'cipher', label: t('overview.cipher'), children: info.data.cipher },
                    { key: 'sqlite', label: t('overview.sqlite'), children: info.data.sqlite },
                  ]}
                />
              </>
            ) : (
              <Skeleton active paragraph={{ rows: 3 }} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
