import { DownOutlined, KeyOutlined, LockOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Layout, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../../app/session-context';
import type { PageKey } from './navigation';

function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  return (last[0] ?? '?').toUpperCase();
}

/** The page title on the left; who is signed in, their role and the lock button on the right. */
export function AppHeader(props: {
  page: PageKey;
  unitName: string | null;
  onLock: () => void;
  onNavigate: (p: PageKey) => void;
}) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  return (
    <Layout.Header className="app-header">
      <Typography.Text className="app-header-title">{t(`nav.${props.page}`)}</Typography.Text>
      <Flex align="center" gap={16}>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
              { key: 'lock', icon: <LockOutlined />, label: t('header.lock') },
            ],
            onClick: (e) => (e.key === 'lock' ? props.onLock() : props.onNavigate('settings')),
          }}
        >
          <Button type="text" className="app-header-user" aria-label={t('header.accountMenu')}>
            <Avatar size={32} style={{ background: '#0b57a4' }}>
              {initials(session.displayName)}
            </Avatar>
            <span className="app-header-user-text">
              <span className="app-header-user-name">{session.displayName}</span>
              <span className="app-header-user-meta">
                {session.username}
                {props.unitName ? ` · ${props.unitName}` : ''}
              </span>
            </span>
            <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
        <Tag color="blue" variant="filled" style={{ marginInlineEnd: 0 }}>
          {t(`roles.${session.role}`)}
        </Tag>
        <Tooltip title={t('header.lockHint')}>
          <Button icon={<LockOutlined />} onClick={props.onLock}>
            {t('header.lock')}
          </Button>
        </Tooltip>
      </Flex>
    </Layout.Header>
  );
}
