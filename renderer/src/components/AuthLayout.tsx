import { AuditOutlined, DisconnectOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';
import './auth-layout.css';

/** The frame of every screen shown before the app itself: setup, unlock, recovery, forced password change. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  const points = [
    { icon: <SafetyCertificateOutlined />, text: t('auth.pointEncrypted') },
    { icon: <DisconnectOutlined />, text: t('auth.pointOffline') },
    { icon: <AuditOutlined />, text: t('auth.pointAudited') },
  ];
  return (
    <div className="auth-layout">
      <aside className="auth-brand">
        <Flex align="center" gap={14}>
          <BrandMark size={48} />
          <div>
            <div className="auth-brand-name">{t('app.name')}</div>
            <div className="auth-brand-tagline">{t('app.tagline')}</div>
          </div>
        </Flex>
        <ul className="auth-points">
          {points.map((p) => (
            <li key={p.text}>
              <span className="auth-point-icon">{p.icon}</span>
              <span>{p.text}</span>
            </li>
          ))}
        </ul>
        <div className="auth-brand-footer">{t('auth.footer')}</div>
      </aside>
      <main className="auth-main">
        <Flex justify="flex-end" className="auth-topbar">
          <LanguageSwitch />
        </Flex>
        <div className={wide ? 'auth-content auth-content-wide' : 'auth-content'}>{children}</div>
        <Typography.Text type="secondary" className="auth-legal">
          {t('auth.legal')}
        </Typography.Text>
      </main>
    </div>
  );
}
