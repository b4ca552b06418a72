import { Alert, Button, Flex, Segmented, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueItem } from '../../../../../shared/contract';
import type { MeasureKind } from '../../../../../shared/domain/persons';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { formatDate } from '../../../i18n/dates';
import { CategoryTag } from '../CategoryTag';
import { formatNumber } from '../../home/format-number';
import { commune } from '../../../../../shared/places';
import { usePersonLabels } from '../labels';
import { foldedFilter } from './PersonSearchBar';
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
  // '' for every commune; '-' for people whose commune is not known.
  const [communeCode, setCommuneCode] = useState('');
  const communeName = (code: string | null) => (code ? (commune(code)?.name ?? code) : t('dueList.noCommune'));
  // The communes of the list, by name, for the filter: a leader's list spans many.
  const communes = useMemo(() => {
    const seen = new Map<string, number>();
    for (const i of due.data?.items ?? []) {
      const c = i.person.communeCode ?? '-';
      seen.set(c, (seen.get(c) ?? 0) + 1);
    }
    return [...seen.entries()]
      .map(([code, n]) => ({ value: code, label: `${communeName(code === '-' ? null : code)} (${formatNumber(n)})` }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
    // communeName depends on the language only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [due.data]);
  // Persons changed while the panel was kept below another screen: ask again.
  useReloadOn(version, due.reload);

  // What cannot wait comes first: overdue registrations, then measures about to end, then silence.
  const items = useMemo(
    () =>
      (due.data?.items ?? [])
        .filter((i) => reason === 'all' || i.reason === reason)
        .filter((i) => !communeCode || (i.person.communeCode ?? '-') === communeCode)
        .sort((a, b) => URGENCY[a.reason] - URGENCY[b.reason] || a.date.localeCompare(b.date)),
    [due.data, reason, communeCode],
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
      sorter: (a, b) => URGENCY[a.reason] - URGENCY[b.reason],
      render: (_, i) => <ToneTag tone={REASON_TONES[i.reason]}>{t(`persons.due.reasons.${i.reason}`)}</ToneTag>,
    },
    {
      key: 'date',
      title: t('persons.due.date'),
      width: 120,
      className: 'nowrap-cell',
      sorter: (a, b) => a.date.localeCompare(b.date),
      render: (_, i) => formatDate(i.date),
    },
    {
      key: 'person',
      title: t('persons.fields.fullName'),
      width: 200,
      render: (_, i) => (
        <Button type="link" className="persons-link-button" onClick={() => onOpen(i.person.id)}>
          {i.person.fullName}
        </Button>
      ),
    },
    {
      key: 'commune',
      title: t('dueList.commune'),
      width: 180,
      sorter: (a, b) => communeName(a.person.communeCode).localeCompare(communeName(b.person.communeCode), 'vi'),
      render: (_, i) => communeName(i.person.communeCode),
    },
    {
      key: 'detail',
      title: t('persons.due.detail'),
      width: 240,
      render: (_, i) =>
        i.reason === 'measure_ending' && i.detail
          ? t('persons.due.measureEnds', { kind: labels.measureKind[i.detail as MeasureKind] })
          : t(`persons.due.dateMeans.${i.reason}`),
    },
    {
      key: 'category',
      title: t('persons.fields.category'),
      width: 240,
      render: (_, i) => <CategoryTag category={i.person.category} />,
    },
  ];

  return (
    <Flex vertical gap={16}>
      {due.error ? <Alert type="error" showIcon title={errorText(due.error)} /> : null}
      {due.data?.noContactTruncated ? (
        <Alert type="warning" showIcon title={t('persons.due.noContactTruncated', { count: counts.no_contact })} />
      ) : null}
      <Flex justify="space-between" align="center" wrap gap={12} className="due-filter-bar">
        <Select
          aria-label={t('dueList.communeFilter')}
          value={communeCode}
          onChange={setCommuneCode}
          showSearch={{ filterOption: foldedFilter }}
          style={{ minWidth: 220, maxWidth: '100%' }}
          options={[{ value: '', label: t('dueList.allCommunes') }, ...communes]}
        />
        <Segmented<Reason | 'all'>
          value={reason}
          onChange={setReason}
          options={[
            { value: 'all', label: t('persons.due.all', { count: due.data?.items.length ?? 0 }) },
            ...(Object.keys(counts) as Reason[]).map((r) => ({
              value: r,
              label: `${t(`persons.due.reasons.${r}`)} (${formatNumber(counts[r])})`,
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
        scroll={{ x: 'max-content' }}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Typography.Text type="secondary">{t('persons.due.empty')}</Typography.Text> }}
      />
    </Flex>
  );
}
