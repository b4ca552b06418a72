import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount } from './exchange-labels';
import { progressPercent } from './useCallProgress';

/**
 * A long call's progress bar with its figures in words ("Đã xử lý 12.345 / 40.000 thay đổi (31 %)") once the host
 * reports them; until then a running bar and what is happening.
 */
export function ProgressLine({ label, progress }: { label: string; progress: { done: number; total: number } | null }) {
  const { t, i18n } = useTranslation();
  const known = progress !== null && progress.total > 0;
  const percent = progressPercent(progress);
  return (
    <div role="status" style={{ marginTop: 12, marginBottom: 16, maxWidth: 720 }} data-testid="exchange-progress">
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={percent} status="active" showInfo={known} />
      <Typography.Text type="secondary">
        {known
          ? t('exchange.progress.counted', {
              done: formatCount(Math.min(progress.done, progress.total), i18n.language),
              total: formatCount(progress.total, i18n.language),
              percent,
            })
          : t('exchange.progress.preparing')}
      </Typography.Text>
    </div>
  );
}
