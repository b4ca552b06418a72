import { Alert, Button, Flex, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueItem } from '../../../../../shared/contract';
import type { MeasureKind } from '../../../../../shared/domain/persons';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { formatDate } from '../../../i18n/dates';
import { CategoryTag } from '../CategoryTag';
import { usePersonLabels } from '../labels';
import { ToneTag, type Tone } from '../ToneTag';
import { useReloadOn } from '../useReloadOn';

type Reason = DueItem['reason'];
const URGENCY: Record<Reason, number> = { registration_overdue: 0, measure_ending: 1, no_contact: 2 };
const REASON_TONES: Record<Reason, Tone> = {
  measure_ending: 'gold',
  registration_overdue: 'red',
  no_contact: 'blue',
};

/**
 * "Việc cần làm": measures ending within 30 days, registrations for rehab or methadone past their
 * 5-working-day deadline, and people not contacted in 90 days, soonest first.
 */
export function DuePanel({ version, onOpen }: { version: number; onOpen: (personId: string) => void }) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const errorText = useErrorText();
  const due = useProcedure('persons.due', {});
  const [reason, setReason] = useState<Reason | 'all'>('all');
  // Persons changed while the panel was kept below another screen: ask again.
  useReloadOn(version, due.reload);

  // What cannot wait comes first: overdue registrations, then measures about to end, then silence.
  const items = useMemo(
    () =>
      (due.data?.items ?? [])
        .filter((i) => reason === 'all' || i.reason === reason)
        .sort((a, b) => URGENCY[a.reason] - URGENCY[b.reason] || a.date.localeCompare(b.date)),
    [due.data, reason],
  );
  const counts = useMemo(() => {
    const c: Record<Reason, number> = { measure_ending: 0, registration_overdue: 0, no_contact: 0 };
    for (const i of due.data?.items ?? []) c[i.reason] += 1;
    return c;
  }, [due.data]);

  const columns: TableColumnsType<DueItem> = [
    {
      key: 'reason',
      title: t('persons.due.reason'),
      width: 230,
      render: (_, i) => <ToneTag tone={REASON_TONES[i.reason]}>{t(`persons.due.reasons.${i.reason}`)}</ToneTag>,
    },
    {
      key: 'date',
      title: t('persons.due.date'),
      width: 120,
      render: (_, i) => formatDate(i.date),
    },
    {
      key: 'person',
      title: t('persons.fields.fullName'),
      render: (_, i) => (
        <Button type="link" className="persons-link-button" onClick={() => onOpen(i.person.id)}>
          {i.person.fullName}
        </Button>
      ),
    },
    {
      key: 'detail',
      title: t('persons.due.detail'),
      render: (_, i) =>
        i.reason === 'measure_ending' && i.detail
          ? t('persons.due.measureEnds', { kind: labels.measureKind[i.detail as MeasureKind] })
          : t(`persons.due.dateMeans.${i.reason}`),
    },
    {
      key: 'category',
      title: t('persons.fields.category'),
      width: 260,
      render: (_, i) => <CategoryTag category={i.person.category} />,
    },
  ];

  return (
    <Flex vertical gap={16}>
      {due.error ? <Alert type="error" showIcon title={errorText(due.error)} /> : null}
      {due.data?.noContactTruncated ? (
        <Alert type="warning" showIcon title={t('persons.due.noContactTruncated', { count: counts.no_contact })} />
      ) : null}
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Segmented<Reason | 'all'>
          value={reason}
          onChange={setReason}
          options={[
            { value: 'all', label: t('persons.due.all', { count: due.data?.items.length ?? 0 }) },
            ...(Object.keys(counts) as Reason[]).map((r) => ({
              value: r,
              label: `${t(`persons.due.reasons.${r}`)} (${counts[r]})`,
            })),
          ]}
        />
        {due.data ? (
          <Typography.Text type="secondary">
            {t('persons.due.today', { date: formatDate(due.data.today) })}
          </Typography.Text>
        ) : null}
      </Flex>
      <Table<DueItem>
        rowKey={(i) => `${i.reason}-${i.person.id}-${i.refId ?? ''}`}
        size="small"
        columns={columns}
        dataSource={items}
        loading={due.loading}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Typography.Text type="secondary">{t('persons.due.empty')}</Typography.Text> }}
      />
    </Flex>
  );
}
