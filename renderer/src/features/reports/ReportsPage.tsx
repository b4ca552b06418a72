import { FileExcelOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Select, Spin, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorResult } from '../../../../shared/contract/reports';
import { Permissions } from '../../../../shared/domain/roles';
import { communesOf, province } from '../../../../shared/places';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { useSignedInSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { CommunesPanel } from './CommunesPanel';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { ExportModal } from './ExportModal';
import { IndicatorCard } from './IndicatorCard';
import { PeriodPicker, periodFromChoice, type PeriodChoice } from './PeriodPicker';
import { PlansPanel } from './PlansPanel';
import { StatTablesPanel } from './StatTablesPanel';
import { viDate } from './report-format';
import './reports.css';

export interface ReportQueryBase {
  from: string;
  to: string;
  communeCode?: string;
  planId?: string;
}

/** Earlier years of the same period in each card's trend chart. */
const TREND_YEARS = 4;

/** Reports: the indicators against the plan, the commune table, the statistical tables and the plans. */
export function ReportsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const api = useApi();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const canManage = session.permissions.includes(Permissions.reportsManage);
  const provinceReach = session.permissions.includes(Permissions.reachProvince);
  const [tab, setTab] = useState('dashboard');
  const [choice, setChoice] = useState<PeriodChoice>(() => {
    const y = new Date().getFullYear();
    return { kind: 'year', year: y, n: 1, from: `${y}-01-01`, to: `${y}-12-31` };
  });
  const [communeCode, setCommuneCode] = useState<string | undefined>(undefined);
  const [planId, setPlanId] = useState<string | undefined>(undefined);
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const period = periodFromChoice(choice);
  const query: ReportQueryBase = {
    ...period,
    ...(communeCode ? { communeCode } : {}),
    ...(planId ? { planId } : {}),
  };
  // The chosen period's figures first; the trend over earlier years after, in its own call (the host keeps the
  // period's figures, so that call counts only the earlier years), each card showing its own spinner meanwhile.
  const kpi = useProcedure('reports.kpi', { ...query, trendYears: 0 });
  const trendKey = JSON.stringify(query);
  const [trends, setTrends] = useState<{ key: string; byId: Map<string, IndicatorResult['trend']> } | null>(null);
  useEffect(() => {
    if (!kpi.data || kpi.loading) return;
    let current = true;
    void api
      .invoke('reports.kpi', { ...(JSON.parse(trendKey) as ReportQueryBase), trendYears: TREND_YEARS })
      .then((r) => {
        if (current && r.ok)
          setTrends({ key: trendKey, byId: new Map(r.value.indicators.map((i) => [i.id, i.trend])) });
      });
    return () => {
      current = false;
    };
  }, [api, trendKey, kpi.data, kpi.loading]);
  const trendOf = trends?.key === trendKey && !kpi.loading ? trends.byId : null;
  const plans = useProcedure('plans.list', {});
  const provinceCode = kpi.data?.area.provinceCode ?? null;
  const communeOptions = useMemo(
    () =>
      provinceCode
        ? communesOf(provinceCode)
            .map((c) => ({ value: c.code, label: c.name }))
            .sort((a, b) => a.label.localeCompare(b.label, 'vi'))
        : [],
    [provinceCode],
  );

  const print = async () => {
    const r = await api.invoke('reports.print', {
      from: period.from,
      to: period.to,
      ...(communeCode ? { communeCode } : {}),
    });
    if (!r.ok) {
      void message.error(errorText(r.error));
      return;
    }
    window.print();
  };

  const dashboard = (
    <>
      {kpi.error ? <Alert type="error" showIcon title={errorText(kpi.error)} style={{ marginBottom: 12 }} /> : null}
      {kpi.data && !kpi.data.plan ? (
        <Alert type="info" showIcon title={t('reports.plan.none')} style={{ marginBottom: 12 }} className="no-print" />
      ) : null}
      <Spin spinning={kpi.loading}>
        <div className="report-grid">
          {kpi.data?.indicators.map((i) => (
            <IndicatorCard
              key={i.id}
              indicator={trendOf ? { ...i, trend: trendOf.get(i.id) } : i}
              trendPending={!trendOf}
              onDrill={setDrill}
            />
          ))}
        </div>
      </Spin>
    </>
  );

  return (
    <div className="reports-page">
      <PageHeader
        title={t('reports.title')}
        description={t('reports.description')}
        extra={
          tab === 'dashboard' ? (
            <>
              <Button icon={<FileExcelOutlined />} onClick={() => setExporting('xlsx')}>
                {t('reports.export.excel')}
              </Button>
              <Button icon={<FileTextOutlined />} onClick={() => setExporting('csv')}>
                {t('reports.export.csv')}
              </Button>
              <Button icon={<PrinterOutlined />} onClick={() => void print()}>
                {t('reports.export.print')}
              </Button>
            </>
          ) : undefined
        }
      />
      <div className="report-print-head print-only">
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('reports.title')} — {kpi.data?.area.name}
        </Typography.Title>
        <Typography.Paragraph>
          {t('reports.period.shown', { from: viDate(period.from), to: viDate(period.to) })}
          {kpi.data?.plan ? ` · ${kpi.data.plan.title} (${kpi.data.plan.decisionNumber})` : ''}
        </Typography.Paragraph>
      </div>
      <Flex gap={12} wrap align="center" className="report-filters no-print">
        <PeriodPicker value={choice} onChange={setChoice} />
        {provinceReach && provinceCode ? (
          <Select
            aria-label={t('reports.area.label')}
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 220 }}
            value={communeCode ?? ''}
            onChange={(v) => setCommuneCode(v || undefined)}
            options={[
              {
                value: '',
                label: t('reports.area.wholeProvince', { name: province(provinceCode)?.name ?? provinceCode }),
              },
              ...communeOptions,
            ]}
          />
        ) : kpi.data ? (
          <Typography.Text strong>{kpi.data.area.name}</Typography.Text>
        ) : null}
        <Select
          aria-label={t('reports.plan.label')}
          style={{ minWidth: 240, maxWidth: 380 }}
          value={planId ?? ''}
          onChange={(v) => setPlanId(v || undefined)}
          options={[
            {
              value: '',
              label: kpi.data?.plan
                ? `${t('reports.plan.auto')}: ${kpi.data.plan.decisionNumber}`
                : t('reports.plan.auto'),
            },
            ...(plans.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.decisionNumber} (${p.fromYear}–${p.toYear})`,
            })),
          ]}
        />
        <Typography.Text type="secondary">
          {t('reports.period.shown', { from: viDate(period.from), to: viDate(period.to) })}
        </Typography.Text>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        className="report-tabs"
        items={[
          { key: 'dashboard', label: t('reports.tabs.dashboard'), children: dashboard },
          {
            key: 'communes',
            label: t('reports.tabs.communes'),
            children: (
              <CommunesPanel
                year={Number(period.to.slice(0, 4))}
                communeCode={communeCode}
                canManage={canManage}
                onChanged={kpi.reload}
              />
            ),
          },
          {
            key: 'tables',
            label: t('reports.tabs.tables'),
            children: (
              <StatTablesPanel query={{ from: period.from, to: period.to, ...(communeCode ? { communeCode } : {}) }} />
            ),
          },
          {
            key: 'plans',
            label: t('reports.tabs.plans'),
            children: (
              <PlansPanel
                canManage={canManage}
                onChanged={() => {
                  plans.reload();
                  kpi.reload();
                }}
              />
            ),
          },
        ]}
      />
      <ExportModal format={exporting} query={query} onClose={() => setExporting(null)} />
      <DrillDrawer
        target={drill}
        query={{ from: period.from, to: period.to, ...(communeCode ? { communeCode } : {}) }}
        onClose={() => setDrill(null)}
      />
    </div>
  );
}
