import { DatePicker, Flex, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { periodOf, type PeriodKind, type ReportPeriod } from '../../../../shared/domain/indicators';
import { DATE_FORMAT } from '../../i18n/dates';

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** The quarter (1–4) or month (1–12). */
  n: number;
  from: string;
  to: string;
}

export function periodFromChoice(c: PeriodChoice): ReportPeriod {
  return c.kind === 'range' ? { from: c.from, to: c.to } : periodOf(c.kind, c.year, c.n);
}

const YEARS = (() => {
  const now = new Date().getFullYear();
  return Array.from({ length: 12 }, (_, i) => now - i);
})();

/** Year, quarter, month, the June action month or any range of days. */
export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (c: PeriodChoice) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...value, ...patch });
  return (
    <Flex gap={8} wrap align="center" role="group" aria-label={t('reports.period.label')}>
      <Segmented<PeriodKind>
        value={value.kind}
        onChange={(kind) => set({ kind, n: kind === 'quarter' ? 1 : kind === 'month' ? 1 : value.n })}
        options={(['year', 'quarter', 'month', 'actionMonth', 'range'] as const).map((k) => ({
          value: k,
          label: t(`reports.period.${k}`),
        }))}
      />
      {value.kind !== 'range' ? (
        <Select
          aria-label={t('reports.period.year')}
          value={value.year}
          onChange={(year) => set({ year })}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 96 }}
        />
      ) : null}
      {value.kind === 'quarter' ? (
        <Select
          aria-label={t('reports.period.quarter')}
          value={value.n}
          onChange={(n) => set({ n })}
          options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('reports.period.quarterN', { n }) }))}
          style={{ width: 100 }}
        />
      ) : null}
      {value.kind === 'month' ? (
        <Select
          aria-label={t('reports.period.month')}
          value={value.n}
          onChange={(n) => set({ n })}
          options={Array.from({ length: 12 }, (_, i) => ({
            value: i + 1,
            label: t('reports.period.monthN', { n: i + 1 }),
          }))}
          style={{ width: 110 }}
        />
      ) : null}
      {value.kind === 'range' ? (
        <DatePicker.RangePicker
          format={DATE_FORMAT}
          allowClear={false}
          value={[dayjs(value.from), dayjs(value.to)]}
          placeholder={[t('reports.period.from'), t('reports.period.to')]}
          onChange={(r) => {
            if (r?.[0] && r[1]) set({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') });
          }}
        />
      ) : null}
    </Flex>
  );
}
