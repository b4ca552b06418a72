import { Alert, Button, Card, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useSignedInSession } from '../../app/session-context';
import { formatDate } from '../../i18n/dates';
import { formatNumber } from './format-number';
import { usePersonLabels } from '../persons/labels';
import { ToneTag, type Tone } from '../persons/ToneTag';
import type { PageKey } from '../shell/navigation';
import { useOpenScreen } from './open-screen';
import { byUrgency, SourceFailed, sourcesFor, type WorkItem, type WorkKind, type WorkSource } from './work-sources';
import '../persons/persons.css';

const SHOWN = 15;

function urgencyTone(i: WorkItem): Tone {
  if (i.daysLeft === null) return 'blue';
  if (i.daysLeft < 0 || i.kind === 'registration_overdue') return 'red';
  return i.daysLeft <= 3 ? 'orange' : 'gold';
}

/** Home's work queue: every source the role may read, merged, overdue first; each line opens its screen. */
export function WorkQueueCard({ onNavigate }: { onNavigate: (page: PageKey) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const labels = usePersonLabels();
  const openScreen = useOpenScreen();
  const session = useSignedInSession();
  const sources = useMemo(() => sourcesFor(session.permissions), [session.permissions]);
  const [items, setItems] = useState<WorkItem[] | null>(null);
  const [failed, setFailed] = useState<{ source: WorkSource; message: string }[]>([]);
  const [kind, setKind] = useState<WorkKind | 'all'>('all');

  useEffect(() => {
    let current = true;
    const ctx = { t, labels, today: '' };
    void Promise.allSettled(sources.map((s) => s.load(api, ctx))).then((results) => {
      if (!current) return;
      const ok: WorkItem[] = [];
      const bad: { source: WorkSource; message: string }[] = [];
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') ok.push(...r.value);
        else
          bad.push({
            source: sources[i]!,
            message: r.reason instanceof SourceFailed ? errorText(r.reason.error) : String(r.reason),
          });
      });
      setItems(ok.sort(byUrgency));
      setFailed(bad);
    });
    return () => {
      current = false;
    };
    // labels and t change with the language only; the queue is read once per visit to home.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, sources, labels.language]);

  const counts = useMemo(() => {
    const c = new Map<WorkKind, number>();
    for (const i of items ?? []) c.set(i.kind, (c.get(i.kind) ?? 0) + 1);
    return c;
  }, [items]);
  const filtered = useMemo(() => (items ?? []).filter((i) => kind === 'all' || i.kind === kind), [items, kind]);
  const shown = filtered.slice(0, SHOWN);

  const urgency = (i: WorkItem) =>
    i.daysLeft === null
      ? t('home.queue.since', { date: formatDate(i.date) })
      : i.daysLeft < 0
        ? t('home.queue.overdue', { count: -i.daysLeft })
        : i.daysLeft === 0
          ? t('home.queue.overdueToday')
          : t('home.queue.dueIn', { count: i.daysLeft });

  return (
    <Card
      title={t('home.queue.title')}
      extra={
        sources.length === 1 ? (
          <Button type="link" onClick={() => onNavigate(sources[0]!.page)}>
            {t('home.queue.seeAll')}
          </Button>
        ) : null
      }
      data-testid="work-queue"
    >
      {failed.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('home.queue.failed', {
            sources: failed.map((f) => t(`home.queue.sources.${f.source.key}`)).join(', '),
          })}
          description={[...new Set(failed.map((f) => f.message))].join(' ')}
        />
      ) : null}
      {!sources.length ? (
        <Typography.Text type="secondary">{t('home.queue.nothingForRole')}</Typography.Text>
      ) : items === null ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('home.queue.overdueFirst')}</Typography.Text>
          {counts.size > 1 ? (
            <div className="home-queue-filter">
              <Segmented<WorkKind | 'all'>
                value={kind}
                onChange={setKind}
                options={[
                  { value: 'all', label: t('home.queue.all', { n: formatNumber(items.length) }) },
                  ...[...counts.entries()].map(([k, n]) => ({
                    value: k,
                    label: `${t(`home.queue.kinds.${k}`)} (${formatNumber(n)})`,
                  })),
                ]}
              />
            </div>
          ) : null}
          {shown.length ? (
            <ol className="home-queue" aria-label={t('home.queue.title')}>
              {shown.map((i) => (
                <li key={i.key} className="home-queue-item" data-kind={i.kind}>
                  <span className="home-queue-when">
                    <ToneTag tone={urgencyTone(i)}>{urgency(i)}</ToneTag>
                  </span>
                  <span className="home-queue-what">
                    <Button type="link" className="home-queue-title" onClick={() => openScreen(i.screen)}>
                      {i.title}
                    </Button>
                    <span className="home-queue-detail">
                      {t(`home.queue.kinds.${i.kind}`)}
                      {i.detail ? ` · ${i.detail}` : ''}
                    </span>
                  </span>
                  <span className="home-queue-date nowrap">{formatDate(i.date)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <Typography.Text type="secondary">{t('home.queue.empty')}</Typography.Text>
          )}
          {filtered.length > SHOWN ? (
            <Flex gap={8} align="center" wrap>
              <Typography.Text type="secondary">
                {t('home.queue.shown', { shown: formatNumber(SHOWN), total: formatNumber(filtered.length) })}
              </Typography.Text>
              {sources.map((s) => (
                <Button key={s.key} size="small" onClick={() => onNavigate(s.page)}>
                  {t('home.queue.seeAll')}: {t(`home.queue.sources.${s.key}`)}
                </Button>
              ))}
            </Flex>
          ) : null}
        </Flex>
      )}
    </Card>
  );
}
