import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/dates';
import { ToneTag, type Tone } from '../persons/ToneTag';

/** How soon a time limit runs out: red once overdue, gold within two days, blue otherwise. */
export function daysTone(daysLeft: number | null): Tone {
  if (daysLeft === null) return 'neutral';
  if (daysLeft < 0) return 'red';
  if (daysLeft <= 2) return 'gold';
  return 'blue';
}

/** "Còn 3 ngày" / "Hôm nay là hạn cuối" / "Quá hạn 2 ngày", with the deadline itself when asked. */
export function DaysLeftTag(props: { deadline: string | null; daysLeft: number | null; withDate?: boolean }) {
  const { t } = useTranslation();
  const { deadline, daysLeft } = props;
  if (deadline === null || daysLeft === null) return <span className="rehab-muted">{t('rehab.days.none')}</span>;
  const text =
    daysLeft < 0
      ? t('rehab.days.overdue', { count: -daysLeft })
      : daysLeft === 0
        ? t('rehab.days.today')
        : t('rehab.days.left', { count: daysLeft });
  return (
    <ToneTag tone={daysTone(daysLeft)} testId="days-left">
      {props.withDate ? `${formatDate(deadline)} · ${text}` : text}
    </ToneTag>
  );
}
