import './drafts.css';
import { LockOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** The 30 seconds before an idle lock, over everything, until a key or a movement of the mouse cancels it. */
export function IdleCountdown({ secondsLeft }: { secondsLeft: number | null }) {
  const { t } = useTranslation();
  if (secondsLeft === null) return null;
  return (
    <div className="idle-countdown">
      <Alert
        type="warning"
        showIcon
        icon={<LockOutlined />}
        role="alert"
        title={t('drafts.idleCountdown', { count: secondsLeft })}
        description={t('drafts.idleCountdownHint')}
      />
    </div>
  );
}
