import { RightOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession, useSignedInSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { Permissions } from '../../../../shared/domain/roles';
import { PendingGrantsCard } from '../accounts/PendingGrantsCard';
import { OpenConflictsCard } from '../conflicts/OpenConflictsCard';
import { RecentFilesCard } from '../home/RecentFilesCard';
import { sourcesFor } from '../home/work-sources';
import { WorkQueueCard } from '../home/WorkQueueCard';
import { allowedNavigation, type PageKey } from '../shell/navigation';
import './overview.css';

/**
 * Home: what to do next. For roles that read records, a work queue (overdue first) from every source the role
 * may read, and the files opened lately; for the others, where to go. Nothing technical: the workstation's
 * details are on the administrators' Workstation page.
 */
export function OverviewPage({ onNavigate }: { onNavigate: (page: PageKey) => void }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { preferences } = useSession();
  const hasQueue = sourcesFor(session.permissions).length > 0;
  const readsFiles = [
    Permissions.personsRead,
    Permissions.tipsRead,
    Permissions.casesRead,
    Permissions.referralsRead,
  ].some((p) => session.permissions.includes(p));
  const shortcuts = allowedNavigation(session.permissions).filter((n) => n.key !== 'overview');

  const security = (
    <Card
      title={
        <Flex gap={8} align="center">
          <SafetyOutlined /> {t('home.security')}
        </Flex>
      }
    >
      <Typography.Paragraph>{t('home.idle', { count: preferences.idleMinutes })}</Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('home.lockShortcut')}</Typography.Paragraph>
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('home.greeting', { name: session.displayName })}
        description={t(`home.roleIntro.${session.role}`)}
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
        {/* Shown only while some wait: above the cards that are always there. */}
        {session.permissions.includes(Permissions.conflictsResolve) ? <OpenConflictsCard /> : null}
        {session.permissions.includes(Permissions.accountsApproveGrants) ? (
          <Col xs={24}>
            <PendingGrantsCard />
          </Col>
        ) : null}
        {hasQueue ? (
          <>
            <Col xs={24} xl={16}>
              <WorkQueueCard onNavigate={onNavigate} />
            </Col>
            <Col xs={24} xl={8}>
              <Flex vertical gap={20}>
                {readsFiles ? <RecentFilesCard /> : null}
                {security}
              </Flex>
            </Col>
          </>
        ) : (
          <>
            <Col xs={24} xl={16}>
              <Card title={t('home.shortcuts')}>
                <Row gutter={[16, 16]}>
                  {shortcuts.map((n) => (
                    <Col xs={24} md={12} key={n.key}>
                      <button type="button" className="overview-shortcut" onClick={() => onNavigate(n.key)}>
                        <span className="overview-shortcut-icon">{n.icon}</span>
                        <span className="overview-shortcut-text">
                          <span className="overview-shortcut-title">{t(`nav.${n.key}`)}</span>
                          <span className="overview-shortcut-desc">
                            {t(`overview.describe.${n.key}`, { defaultValue: '' })}
                          </span>
                        </span>
                        <RightOutlined aria-hidden className="overview-shortcut-arrow" />
                      </button>
                    </Col>
                  ))}
                </Row>
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Flex vertical gap={20}>
                {security}
                {session.permissions.includes(Permissions.vaultManage) ? (
                  <Typography.Text type="secondary">{t('home.workstationLink')}</Typography.Text>
                ) : null}
              </Flex>
            </Col>
          </>
        )}
      </Row>
    </>
  );
}
