import { Alert, Button, Card, Col, Row, Segmented, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadlineItem } from '../../../../../shared/contract';
import type { CaseState, TipState } from '../../../../../shared/domain/investigations';
import { Permissions } from '../../../../../shared/domain/roles';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { useSignedInSession } from '../../../app/session-context';
import { PageHeader } from '../../../components/PageHeader';
import { ToneTag } from '../../persons/ToneTag';
import { useReloadOn } from '../../persons/useReloadOn';
import { DeadlineTag } from '../DeadlineTag';
import { useInvestigationScreenActive, useInvestigationsNavigation } from '../investigations-navigation';
import { communeName, useInvestigationLabels } from '../labels';

const WINDOWS = [7, 14, 30] as const;

/**
 * The deadlines board: tips and cases whose time limit ends within the week (or a longer window), overdue
 * first, in the caller's scope — the list an investigator works down each morning.
 */
export function DeadlinesBoard() {
  const { t } = useTranslation();
  const nav = useInvestigationsNavigation();
  const session = useSignedInSession();
  const labels = useInvestigationLabels();
  const errorText = useErrorText();
  const [within, setWithin] = useState<number>(7);
  const board = useProcedure('investigations.deadlines', { withinDays: within, limit: 500 });
  useReloadOn(nav.version, board.reload, useInvestigationScreenActive());
  const canCases = session.permissions.includes(Permissions.casesRead);
  const items = (board.data ?? []).filter((d) => d.kind === 'tip' || canCases);
  const overdue = items.filter((d) => d.daysLeft < 0).length;
  const open = (d: DeadlineItem) =>
    nav.open(d.kind === 'tip' ? { kind: 'tip', tipId: d.id } : { kind: 'case', caseId: d.id });

  return (
    <>
      <PageHeader
        title={t('investigations.deadlines.title')}
        description={t('investigations.deadlines.description')}
        extra={
          <Segmented
            aria-label={t('investigations.deadlines.window')}
            value={within}
            onChange={(v) => setWithin(v)}
            options={WINDOWS.map((w) => ({ value: w, label: t('investigations.deadlines.within', { count: w }) }))}
          />
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('investigations.deadlines.overdue')}
              value={overdue}
              styles={{ content: { color: overdue ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('investigations.deadlines.due')} value={items.length - overdue} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('investigations.deadlines.tips')}
              value={items.filter((d) => d.kind === 'tip').length}
            />
          </Card>
        </Col>
        {canCases ? (
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('investigations.deadlines.cases')}
                value={items.filter((d) => d.kind === 'case').length}
              />
            </Card>
          </Col>
        ) : null}
      </Row>
      {board.error ? <Alert type="error" showIcon title={errorText(board.error)} style={{ marginBottom: 16 }} /> : null}
      <Table<DeadlineItem>
        rowKey={(d) => `${d.kind}-${d.id}`}
        size="middle"
        aria-label={t('investigations.deadlines.title')}
        dataSource={items}
        loading={board.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 860 }}
        rowClassName={(d) => (d.daysLeft < 0 ? 'inv-row-overdue' : '')}
        locale={{ emptyText: <span className="inv-muted">{t('investigations.deadlines.empty')}</span> }}
        columns={[
          {
            title: t('investigations.deadline.column'),
            key: 'deadline',
            width: 220,
            render: (_, d) => <DeadlineTag deadline={d.deadline} daysLeft={d.daysLeft} />,
          },
          {
            title: t('investigations.deadlines.kind'),
            key: 'kind',
            width: 110,
            render: (_, d) => (
              <ToneTag tone={d.kind === 'case' ? 'purple' : 'blue'}>
                {t(`investigations.deadlines.kind_${d.kind}`)}
              </ToneTag>
            ),
          },
          {
            title: t('investigations.deadlines.record'),
            key: 'label',
            ellipsis: true,
            render: (_, d) => (
              <Button type="link" className="inv-link" onClick={() => open(d)}>
                {d.label}
              </Button>
            ),
          },
          {
            title: t('investigations.deadlines.state'),
            key: 'state',
            width: 170,
            render: (_, d) =>
              d.kind === 'tip' ? labels.tipState[d.state as TipState] : labels.caseState[d.state as CaseState],
          },
          {
            title: t('investigations.case.severity'),
            key: 'severity',
            width: 170,
            render: (_, d) => (d.severity ? labels.severity[d.severity] : ''),
          },
          {
            title: t('investigations.tip.commune'),
            key: 'commune',
            width: 170,
            ellipsis: true,
            render: (_, d) => communeName(d.communeCode),
          },
        ]}
      />
    </>
  );
}
