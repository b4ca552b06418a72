import { ClockCircleOutlined } from '@ant-design/icons';
import { Layout, Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession, useSignedInSession } from '../../app/session-context';
import { BrandMark } from '../../components/BrandMark';
import { allowedNavigation, type PageKey } from './navigation';
import './shell.css';
import { useSettledMediaQuery } from './useSettledMediaQuery';

export const SIDE_NAV_WIDTH = 248;
export const SIDE_NAV_COLLAPSED_WIDTH = 72;

/** The dark sidebar: the emblem, the pages this role may use, and the idle-lock reminder. */
export function SideNav({ page, onNavigate }: { page: PageKey; onNavigate: (page: PageKey) => void }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { preferences } = useSession();
  // Narrower than antd's lg breakpoint: icons only. Followed once settled, not on every relayout.
  const narrow = useSettledMediaQuery('(max-width: 991.98px)');
  return (
    <Layout.Sider
      width={SIDE_NAV_WIDTH}
      className="side-nav"
      collapsible
      collapsed={narrow}
      trigger={null}
      collapsedWidth={SIDE_NAV_COLLAPSED_WIDTH}
    >
      <div className="side-nav-brand">
        <BrandMark size={36} />
        <div className="side-nav-brand-text">
          <div className="side-nav-name">{t('app.name')}</div>
          <div className="side-nav-tagline">{t('app.taglineShort')}</div>
        </div>
      </div>
      <nav aria-label={t('nav.label')}>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[page]}
          onClick={(e) => onNavigate(e.key as PageKey)}
          items={allowedNavigation(session.permissions).map((n) => ({
            key: n.key,
            icon: n.icon,
            label: t(`nav.${n.key}`),
          }))}
        />
      </nav>
      <div className="side-nav-footer">
        <ClockCircleOutlined aria-hidden />
        <span>{t('shell.idleNote', { count: preferences.idleMinutes })}</span>
      </div>
    </Layout.Sider>
  );
}
