import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/dates';
import { ToneTag } from '../persons/ToneTag';

/**
 * A time limit as officers read it: the last day, and how many days are left; overdue in red, the last
 * three days in orange. No limit (a decided tip, a resolved case) shows a dash.
 */
export function DeadlineTag(props: { deadline: string | null; daysLeft: number | null; withDate?: boolean }) {
  const { t } = useTranslation();
  const { deadline, daysLeft } = props;
  if (!deadline || daysLeft === null) return <span className="inv-muted">—</span>;
  const overdue = daysLeft < 0;
  // Overdue: solid dark red (white text at 4.5:1; antd's red is too light for it).
  const color = '#a8071a';
  const text = overdue
    ? t('investigations.deadline.overdue', { count: -daysLeft })
    : daysLeft === 0
      ? t('investigations.deadline.today')
      : t('investigations.deadline.left', { count: daysLeft });
  return (
    <span className="inv-deadline" data-overdue={overdue || undefined}>
      {props.withDate === false ? null : <span className="inv-deadline-date">{formatDate(deadline)}</span>}
      {overdue ? (
        <Tag color={color} variant="solid">
          {text}
        </Tag>
      ) : (
        <ToneTag tone={daysLeft <= 3 ? 'orange' : 'neutral'}>{text}</ToneTag>
      )}
    </span>
  );
}
