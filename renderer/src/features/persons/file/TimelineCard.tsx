import { Card, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../../shared/contract';
import type { DeterminationResult, MeasureKind, TestResult } from '../../../../../shared/domain/persons';
import { formatDate } from '../../../i18n/dates';
import { usePersonLabels } from '../labels';

const COLOURS: Record<TimelineEvent['kind'], string> = {
  measure_start: 'blue',
  measure_end: 'gray',
  measure_interrupted: 'orange',
  check_in: 'green',
  test: 'orange',
  determination_requested: 'gray',
  determination_result: 'red',
  registration: 'green',
};

/** Everything on file in date order, newest first: measures, check-ins, tests, determinations. */
export function TimelineCard({ events }: { events: readonly TimelineEvent[] }) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const detailOf = (e: TimelineEvent): string => {
    if (!e.detail) return '';
    if (e.kind === 'test') return labels.testResult[e.detail as TestResult];
    if (e.kind === 'determination_result') return labels.determinationResult[e.detail as DeterminationResult];
    return labels.measureKind[e.detail as MeasureKind] ?? e.detail;
  };
  return (
    <Card title={t('persons.timeline.title')} role="region" aria-label={t('persons.timeline.title')}>
      {events.length ? (
        <Timeline
          items={events.map((e, i) => ({
            key: `${e.kind}-${e.refId}-${i}`,
            color: COLOURS[e.kind],
            // The date above the event rather than in a column of its own: the card is narrow.
            content: (
              <>
                <Typography.Text strong>{formatDate(e.date)}</Typography.Text>
                <div>
                  {t(`persons.timeline.kinds.${e.kind}`)}
                  {detailOf(e) ? `: ${detailOf(e)}` : ''}
                </div>
              </>
            ),
          }))}
        />
      ) : (
        <Typography.Text type="secondary">{t('persons.timeline.none')}</Typography.Text>
      )}
    </Card>
  );
}
