import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Grid, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, InputOf } from '../../../../../shared/contract';
import {
  CASE_STATE_LIST,
  SEVERITY_LIST,
  type CaseState,
  type Severity,
} from '../../../../../shared/domain/investigations';
import { Permissions } from '../../../../../shared/domain/roles';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { useSignedInSession } from '../../../app/session-context';
import { PageHeader } from '../../../components/PageHeader';
import { formatDate } from '../../../i18n/dates';
import { useReloadOn } from '../../persons/useReloadOn';
import { DeadlineTag } from '../DeadlineTag';
import { useInvestigationScreenActive, useInvestigationsNavigation } from '../investigations-navigation';
import { useInvestigationLabels } from '../labels';
import { CaseStateTag } from '../tips/TipStateTag';

const PAGE = 50;

interface CaseFilters {
  query: string;
  state?: CaseState;
  severity?: Severity;
  open?: boolean;
}

/**
 * Cases of the caller's unit or province (cases.list): newest prosecution first, a page at a time, filtered by
 * state and severity; the search finds a case by its number, a suspect's name (diacritics optional) or CCCD.
 */
export function CasesListPage() {
  const { t } = useTranslation();
  const nav = useInvestigationsNavigation();
  const session = useSignedInSession();
  const labels = useInvestigationLabels();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<CaseFilters>({ query: '' });
  const [page, setPage] = useState(1);
  const input = useMemo<InputOf<'cases.list'>>(
    () => ({ ...filters, offset: (page - 1) * PAGE, limit: PAGE }),
    [filters, page],
  );
  const list = useProcedure('cases.list', input);
  useReloadOn(nav.version, list.reload, useInvestigationScreenActive());
  const set = (patch: Partial<CaseFilters>) => {
    setPage(1);
    setFilters((f) => ({ ...f, ...patch }));
  };

  // Below 1200 px (1024×768 screens, 125 % zoom) seven columns do not fit: the date goes under the number and
  // the severity under the offences, and the table fits its card without scrolling sideways.
  const wide = Grid.useBreakpoint().xl !== false;
  const columns: ColumnsType<CaseSummary> = [
    {
      title: wide ? t('investigations.case.number') : t('investigations.cases.numberAndDate'),
      key: 'number',
      width: wide ? 170 : 140,
      render: (_, r) => (
        <>
          <Button type="link" className="inv-link" onClick={() => nav.open({ kind: 'case', caseId: r.id })}>
            {r.number}
          </Button>
          {wide ? null : <div className="inv-mono inv-muted">{formatDate(r.prosecutedOn)}</div>}
        </>
      ),
    },
    ...(wide
      ? ([
          {
            title: t('investigations.case.prosecutedOn'),
            key: 'prosecutedOn',
            width: 120,
            render: (_, r) => <span className="inv-mono">{formatDate(r.prosecutedOn)}</span>,
          },
        ] satisfies ColumnsType<CaseSummary>)
      : []),
    {
      title: wide ? t('investigations.case.offences') : t('investigations.cases.offencesAndSeverity'),
      key: 'offences',
      render: (_, r) => {
        const offences = r.offences.map((o) => labels.offence(o.article, o.clause)).join('; ');
        return wide ? (
          offences
        ) : (
          <>
            <div>{offences}</div>
            <div className="inv-muted">{labels.severity[r.severity]}</div>
          </>
        );
      },
    },
    ...(wide
      ? ([
          {
            title: t('investigations.case.severity'),
            key: 'severity',
            width: 170,
            render: (_, r) => labels.severity[r.severity],
          },
        ] satisfies ColumnsType<CaseSummary>)
      : []),
    {
      title: t('investigations.case.state'),
      key: 'state',
      width: wide ? 160 : 140,
      render: (_, r) => <CaseStateTag state={r.state} />,
    },
    {
      title: t('investigations.case.suspects'),
      key: 'suspects',
      width: wide ? 90 : 70,
      align: 'right',
      render: (_, r) => (
        <Flex gap={4} justify="flex-end">
          {r.matchedBy && r.matchedBy !== 'number' ? (
            <Tag>{t(`investigations.cases.matched.${r.matchedBy}`)}</Tag>
          ) : null}
          {r.suspectCount}
        </Flex>
      ),
    },
    {
      title: t('investigations.deadline.column'),
      key: 'deadline',
      width: wide ? 210 : 190,
      render: (_, r) => <DeadlineTag deadline={r.deadline} daysLeft={r.daysLeft} />,
    },
  ];

  const total = list.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title={t('investigations.cases.title')}
        description={t('investigations.cases.description')}
        extra={
          session.permissions.includes(Permissions.casesWrite) ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => nav.open({ kind: 'caseCreate', fromTip: null })}
            >
              {t('investigations.cases.create')}
            </Button>
          ) : null
        }
      />
      <Flex gap={12} wrap align="center" className="inv-filters">
        <Input.Search
          aria-label={t('investigations.cases.search')}
          placeholder={t('investigations.cases.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value.trim()) set({ query: '' });
          }}
          onSearch={(v) => set({ query: v.trim() })}
          enterButton={t('investigations.cases.find')}
          style={{ maxWidth: 520 }}
        />
        <Select
          allowClear
          aria-label={t('investigations.case.state')}
          placeholder={t('investigations.case.state')}
          style={{ width: 200 }}
          value={filters.state}
          onChange={(v?: CaseState) => set({ state: v })}
          options={CASE_STATE_LIST.map((s) => ({ value: s, label: labels.caseState[s] }))}
        />
        <Select
          allowClear
          aria-label={t('investigations.case.severity')}
          placeholder={t('investigations.case.severity')}
          style={{ width: 210 }}
          value={filters.severity}
          onChange={(v?: Severity) => set({ severity: v })}
          options={SEVERITY_LIST.map((s) => ({ value: s, label: labels.severity[s] }))}
        />
        <Checkbox checked={filters.open ?? false} onChange={(e) => set({ open: e.target.checked || undefined })}>
          {t('investigations.cases.openOnly')}
        </Checkbox>
      </Flex>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary" data-testid="cases-count">
        {t('investigations.common.count', { count: total })}
      </Typography.Paragraph>
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        aria-label={filters.query ? t('investigations.cases.results') : t('investigations.cases.title')}
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: page,
          pageSize: PAGE,
          total,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        scroll={wide ? { x: 1040 } : undefined}
        rowClassName={(r) => (r.daysLeft !== null && r.daysLeft < 0 ? 'inv-row-overdue' : '')}
        onRow={(r) => ({ onDoubleClick: () => nav.open({ kind: 'case', caseId: r.id }) })}
        locale={{
          emptyText: (
            <span className="inv-muted">
              {filters.query ? t('investigations.cases.noMatch') : t('investigations.cases.empty')}
            </span>
          ),
        }}
      />
    </>
  );
}
