import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, DeadlineItem } from '../../../../../shared/contract';
import { CASE_STATE_LIST, type CaseState, type Severity } from '../../../../../shared/domain/investigations';
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

/** A row of the list: a search result, or an open case of the deadlines list while nothing is searched. */
interface CaseRow {
  id: string;
  number: string;
  prosecutedOn: string | null;
  state: CaseState;
  severity: Severity | null;
  offences: CaseSummary['offences'] | null;
  deadline: string;
  daysLeft: number | null;
  suspectCount: number | null;
  matchedBy?: CaseSummary['matchedBy'];
}

function fromDeadline(d: DeadlineItem): CaseRow {
  return {
    id: d.id,
    number: d.label,
    prosecutedOn: null,
    state: d.state as CaseState,
    severity: d.severity,
    offences: null,
    deadline: d.deadline,
    daysLeft: d.daysLeft,
    suspectCount: null,
  };
}

function SearchResults(props: { query: string; state: CaseState | undefined; columns: ColumnsType<CaseRow> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const nav = useInvestigationsNavigation();
  const found = useProcedure('cases.find', { query: props.query, state: props.state, limit: 200 });
  useReloadOn(nav.version, found.reload, useInvestigationScreenActive());
  return (
    <>
      {found.error ? <Alert type="error" showIcon title={errorText(found.error)} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary" data-testid="cases-count">
        {t('investigations.common.count', { count: found.data?.length ?? 0 })}
      </Typography.Paragraph>
      <Table<CaseRow>
        rowKey="id"
        size="middle"
        aria-label={t('investigations.cases.results')}
        columns={props.columns}
        dataSource={found.data ?? []}
        loading={found.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 980 }}
        locale={{ emptyText: <span className="inv-muted">{t('investigations.cases.noMatch')}</span> }}
      />
    </>
  );
}

function OpenCases(props: { columns: ColumnsType<CaseRow> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const nav = useInvestigationsNavigation();
  const due = useProcedure('investigations.deadlines', { withinDays: 366, limit: 2000 });
  useReloadOn(nav.version, due.reload, useInvestigationScreenActive());
  const rows = (due.data ?? []).filter((d) => d.kind === 'case').map(fromDeadline);
  return (
    <>
      {due.error ? <Alert type="error" showIcon title={errorText(due.error)} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary" data-testid="cases-count">
        {t('investigations.cases.openCount', { count: rows.length })}
      </Typography.Paragraph>
      <Table<CaseRow>
        rowKey="id"
        size="middle"
        aria-label={t('investigations.cases.open')}
        columns={props.columns.filter((c) => c.key !== 'prosecutedOn' && c.key !== 'offences' && c.key !== 'suspects')}
        dataSource={rows}
        loading={due.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 760 }}
        locale={{ emptyText: <span className="inv-muted">{t('investigations.cases.noneOpen')}</span> }}
      />
    </>
  );
}

/**
 * Cases: search by case number, a suspect's name (diacritics optional) or CCCD; with nothing searched, the
 * cases still under investigation, nearest deadline first.
 */
export function CasesListPage() {
  const { t } = useTranslation();
  const nav = useInvestigationsNavigation();
  const session = useSignedInSession();
  const labels = useInvestigationLabels();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [state, setState] = useState<CaseState | undefined>();

  const columns: ColumnsType<CaseRow> = [
    {
      title: t('investigations.case.number'),
      key: 'number',
      width: 170,
      render: (_, r) => (
        <Button type="link" className="inv-link" onClick={() => nav.open({ kind: 'case', caseId: r.id })}>
          {r.number}
        </Button>
      ),
    },
    {
      title: t('investigations.case.prosecutedOn'),
      key: 'prosecutedOn',
      width: 120,
      render: (_, r) => (r.prosecutedOn ? formatDate(r.prosecutedOn) : ''),
    },
    {
      title: t('investigations.case.offences'),
      key: 'offences',
      render: (_, r) => (r.offences ?? []).map((o) => labels.offence(o.article, o.clause)).join('; '),
    },
    {
      title: t('investigations.case.severity'),
      key: 'severity',
      width: 170,
      render: (_, r) => (r.severity ? labels.severity[r.severity] : ''),
    },
    {
      title: t('investigations.case.state'),
      key: 'state',
      width: 160,
      render: (_, r) => <CaseStateTag state={r.state} />,
    },
    {
      title: t('investigations.case.suspects'),
      key: 'suspects',
      width: 90,
      align: 'right',
      render: (_, r) => (
        <Flex gap={4} justify="flex-end">
          {r.matchedBy && r.matchedBy !== 'number' ? (
            <Tag>{t(`investigations.cases.matched.${r.matchedBy}`)}</Tag>
          ) : null}
          {r.suspectCount ?? ''}
        </Flex>
      ),
    },
    {
      title: t('investigations.deadline.column'),
      key: 'deadline',
      width: 210,
      render: (_, r) => <DeadlineTag deadline={r.deadline} daysLeft={r.daysLeft} />,
    },
  ];

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
            if (!e.target.value.trim()) setQuery('');
          }}
          onSearch={(v) => setQuery(v.trim())}
          enterButton={t('investigations.cases.find')}
          style={{ maxWidth: 520 }}
        />
        <Select
          allowClear
          aria-label={t('investigations.case.state')}
          placeholder={t('investigations.case.state')}
          style={{ width: 200 }}
          value={state}
          onChange={(v?: CaseState) => setState(v)}
          options={CASE_STATE_LIST.map((s) => ({ value: s, label: labels.caseState[s] }))}
          disabled={!query}
        />
      </Flex>
      {query ? <SearchResults query={query} state={state} columns={columns} /> : <OpenCases columns={columns} />}
    </>
  );
}
