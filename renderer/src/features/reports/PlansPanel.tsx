import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Dropdown,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanInput, PlanView } from '../../../../shared/contract/reports';
import type { ApiError } from '../../../../shared/domain/errors';
import { INDICATORS, indicator, type PlanTarget } from '../../../../shared/domain/indicators';
import { PLAN_TEMPLATES } from '../../../../shared/plans';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { DATE_FORMAT } from '../../i18n/dates';
import { formatNumber, viDate } from './report-format';

interface Editing {
  planId?: string;
  plan: PlanInput;
}

const blank = (): PlanInput => {
  const y = new Date().getFullYear();
  return {
    title: '',
    decisionNumber: '',
    decisionDate: `${y}-01-01`,
    authority: '',
    scope: 'province',
    provinceCode: null,
    fromYear: y,
    toYear: y,
    targets: [],
  };
};

/** The plans with their targets; leaders load a seed template, edit it and save it for their province. */
export function PlansPanel({ canManage, onChanged }: { canManage: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const plans = useProcedure('plans.list', {});
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const save = async () => {
    if (!editing) return;
    const r = await api.invoke('plans.save', {
      plan: editing.plan,
      ...(editing.planId ? { planId: editing.planId } : {}),
    });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    void message.success(t('reports.plans.saved'));
    setEditing(null);
    setError(null);
    plans.reload();
    onChanged();
  };

  const remove = async (planId: string) => {
    const r = await api.invoke('plans.delete', { planId });
    if (!r.ok) void message.error(errorText(r.error));
    else {
      void message.success(t('reports.plans.deleted'));
      plans.reload();
      onChanged();
    }
  };

  const issue = (path: string) => {
    const i = error?.issues?.find(
      (x) => x.path === path || x.path.startsWith(`plan.${path}`) || x.path === `plan.${path}`,
    );
    return i ? t(`validation.${i.code}`) : undefined;
  };
  const set = (patch: Partial<PlanInput>) => editing && setEditing({ ...editing, plan: { ...editing.plan, ...patch } });
  const targets = (editing?.plan.targets ?? []) as PlanTarget[];
  const setTarget = (i: number, patch: Partial<PlanTarget>) =>
    set({ targets: targets.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const years = editing
    ? Array.from(
        { length: Math.max(0, editing.plan.toYear - editing.plan.fromYear + 1) },
        (_, i) => editing.plan.fromYear + i,
      )
    : [];

  const targetLine = (p: PlanView) =>
    p.targets.map((x) => {
      const d = indicator(x.indicatorId);
      const unit = d && (d.unit === 'percent' || d.unit === 'growth') ? ' %' : '';
      return `${d?.label[lang] ?? x.indicatorId}: ${formatNumber(x.value)}${unit}${x.year ? ` (${x.year})` : ''}`;
    });

  return (
    <>
      {canManage ? (
        <Flex gap={8} style={{ marginBottom: 12 }} wrap>
          <Dropdown
            menu={{
              items: PLAN_TEMPLATES.map((tpl) => ({
                key: tpl.key,
                label: `${tpl.plan.decisionNumber} — ${tpl.plan.title}`,
              })),
              onClick: ({ key }) => {
                const tpl = PLAN_TEMPLATES.find((x) => x.key === key);
                if (tpl) setEditing({ plan: structuredClone(tpl.plan) });
              },
            }}
          >
            <Button type="primary">{t('reports.plans.loadTemplate')}</Button>
          </Dropdown>
          <Button icon={<PlusOutlined />} onClick={() => setEditing({ plan: blank() })}>
            {t('reports.plans.new')}
          </Button>
        </Flex>
      ) : (
        <Typography.Paragraph type="secondary">{t('reports.plans.readOnly')}</Typography.Paragraph>
      )}
      {plans.data && !plans.data.length ? <Empty description={t('reports.plans.empty')} /> : null}
      {(plans.data ?? []).map((p) => (
        <Card
          key={p.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Typography.Text strong style={{ whiteSpace: 'normal' }}>
              {p.title}
            </Typography.Text>
          }
          extra={
            canManage ? (
              <Flex gap={4}>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => {
                    const { id: _id, updatedAt: _u, ...plan } = p;
                    setEditing({ planId: p.id, plan });
                  }}
                >
                  {t('reports.plans.edit')}
                </Button>
                <Popconfirm title={t('reports.plans.deleteConfirm')} onConfirm={() => void remove(p.id)}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('reports.plans.delete')} />
                </Popconfirm>
              </Flex>
            ) : null
          }
        >
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {p.decisionNumber} · {viDate(p.decisionDate)} · {p.authority} · {t(`reports.plans.scopes.${p.scope}`)} ·{' '}
            {p.fromYear}–{p.toYear}
          </Typography.Paragraph>
          <ul className="report-plan-targets">
            {targetLine(p).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </Card>
      ))}
      <Modal
        open={editing !== null}
        title={t('reports.plans.editorTitle')}
        width={760}
        okText={t('reports.plans.save')}
        onOk={() => void save()}
        onCancel={() => {
          setEditing(null);
          setError(null);
        }}
        destroyOnHidden
      >
        {error && !error.issues?.length ? <Alert type="error" showIcon title={errorText(error)} /> : null}
        {editing ? (
          <Form layout="vertical" component="div">
            <Form.Item
              htmlFor="plan-title"
              label={t('reports.plans.title')}
              required
              validateStatus={issue('title') ? 'error' : undefined}
              help={issue('title')}
            >
              <Input id="plan-title" value={editing.plan.title} onChange={(e) => set({ title: e.target.value })} />
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item
                htmlFor="plan-decision"
                label={t('reports.plans.decisionNumber')}
                required
                validateStatus={issue('decisionNumber') ? 'error' : undefined}
                help={issue('decisionNumber')}
              >
                <Input
                  id="plan-decision"
                  value={editing.plan.decisionNumber}
                  onChange={(e) => set({ decisionNumber: e.target.value })}
                />
              </Form.Item>
              <Form.Item htmlFor="plan-date" label={t('reports.plans.decisionDate')} required>
                <DatePicker
                  id="plan-date"
                  format={DATE_FORMAT}
                  allowClear={false}
                  value={dayjs(editing.plan.decisionDate)}
                  onChange={(d) => d && set({ decisionDate: d.format('YYYY-MM-DD') })}
                />
              </Form.Item>
              <Form.Item
                htmlFor="plan-authority"
                label={t('reports.plans.authority')}
                required
                validateStatus={issue('authority') ? 'error' : undefined}
                help={issue('authority')}
                style={{ flex: 1, minWidth: 200 }}
              >
                <Input
                  id="plan-authority"
                  value={editing.plan.authority}
                  onChange={(e) => set({ authority: e.target.value })}
                />
              </Form.Item>
            </Flex>
            <Flex gap={12} wrap>
              <Form.Item htmlFor="plan-scope" label={t('reports.plans.scope')}>
                <Select
                  id="plan-scope"
                  value={editing.plan.scope}
                  style={{ width: 140 }}
                  onChange={(scope) => set({ scope, provinceCode: null })}
                  options={(['province', 'national'] as const).map((s) => ({
                    value: s,
                    label: t(`reports.plans.scopes.${s}`),
                  }))}
                />
              </Form.Item>
              <Form.Item
                htmlFor="plan-from"
                label={t('reports.plans.fromYear')}
                validateStatus={issue('fromYear') ? 'error' : undefined}
                help={issue('fromYear')}
              >
                <InputNumber
                  id="plan-from"
                  value={editing.plan.fromYear}
                  min={2000}
                  max={2100}
                  onChange={(v) => v && set({ fromYear: v })}
                />
              </Form.Item>
              <Form.Item
                htmlFor="plan-to"
                label={t('reports.plans.toYear')}
                validateStatus={issue('toYear') ? 'error' : undefined}
                help={issue('toYear')}
              >
                <InputNumber
                  id="plan-to"
                  value={editing.plan.toYear}
                  min={2000}
                  max={2100}
                  onChange={(v) => v && set({ toYear: v })}
                />
              </Form.Item>
            </Flex>
            <Typography.Title level={5}>{t('reports.plans.targets')}</Typography.Title>
            {issue('targets') ? (
              <Alert type="error" showIcon title={issue('targets')} style={{ marginBottom: 8 }} />
            ) : null}
            <Table<PlanTarget & { i: number }>
              size="small"
              rowKey="i"
              pagination={false}
              dataSource={targets.map((x, i) => ({ ...x, i }))}
              columns={[
                {
                  key: 'indicator',
                  title: t('reports.plans.indicator'),
                  render: (_, r) => (
                    <Select
                      value={r.indicatorId}
                      style={{ width: 300 }}
                      aria-label={t('reports.plans.indicator')}
                      onChange={(indicatorId) => setTarget(r.i, { indicatorId })}
                      options={INDICATORS.filter((d) => d.unit !== 'breakdown').map((d) => ({
                        value: d.id,
                        label: d.label[lang],
                      }))}
                    />
                  ),
                },
                {
                  key: 'year',
                  title: t('reports.plans.targetYear'),
                  render: (_, r) => (
                    <Select
                      value={r.year ?? 0}
                      style={{ width: 110 }}
                      aria-label={t('reports.plans.targetYear')}
                      onChange={(y) => setTarget(r.i, { year: y || null })}
                      options={[
                        { value: 0, label: t('reports.plans.everyYear') },
                        ...years.map((y) => ({ value: y, label: String(y) })),
                      ]}
                    />
                  ),
                },
                {
                  key: 'value',
                  title: t('reports.plans.value'),
                  render: (_, r) => (
                    <InputNumber
                      value={r.value}
                      aria-label={t('reports.plans.value')}
                      decimalSeparator={lang === 'vi' ? ',' : '.'}
                      onChange={(v) => setTarget(r.i, { value: v ?? 0 })}
                    />
                  ),
                },
                {
                  key: 'remove',
                  width: 48,
                  render: (_, r) => (
                    <Button
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t('reports.plans.delete')}
                      onClick={() => set({ targets: targets.filter((_x, j) => j !== r.i) })}
                    />
                  ),
                },
              ]}
            />
            <Button
              icon={<PlusOutlined />}
              style={{ marginTop: 8 }}
              onClick={() =>
                set({ targets: [...targets, { indicatorId: 'managedReachedRate', year: null, value: 80 }] })
              }
            >
              {t('reports.plans.addTarget')}
            </Button>
          </Form>
        ) : null}
      </Modal>
    </>
  );
}
