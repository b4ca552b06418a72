import { Button, Card, Flex, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IndicatorResult } from '../../../../shared/contract/reports';
import { breakdownLabel, measureLabel } from '../../../../shared/i18n/report-labels';
import type { DrillTarget } from './DrillDrawer';
import { formatNumber, formatSigned } from './report-format';
import { TrendChart } from './TrendChart';

const isShare = (i: IndicatorResult) => i.unit === 'percent' || i.unit === 'growth';

/** One indicator: its value, the plan's target, the difference in points and the trend over earlier years. */
export function IndicatorCard({
  indicator: i,
  trendPending = false,
  onDrill,
}: {
  indicator: IndicatorResult;
  /** The trend is still being counted (asked after the period's figures): a spinner where the chart goes. */
  trendPending?: boolean;
  /** Opens the records behind a part of the number (absent: the card shows figures only). */
  onDrill?: (target: DrillTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const unit = isShare(i) ? ' %' : '';
  const title = i.label[lang];
  /** A figure that opens its records when clicked. */
  const drillable = (
    part: 'numerator' | 'denominator',
    n: number,
    label: string,
    extra: { key?: string; measure?: string } = {},
  ) =>
    onDrill && n > 0 ? (
      <Button
        type="link"
        size="small"
        className="report-drill-figure"
        aria-label={t('reports.drill.open', { what: label })}
        data-testid={`drill-${i.id}-${part}${extra.key ? `-${extra.key}` : ''}${extra.measure ? `-${extra.measure}` : ''}`}
        onClick={() => onDrill({ indicator: i, part, ...extra })}
      >
        {formatNumber(n, 3)}
      </Button>
    ) : (
      formatNumber(n, 3)
    );

  let body;
  if (i.status !== 'ok') {
    body = (
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {i.status === 'no_source' ? t('reports.card.noSource') : t('reports.card.notVisible')}
        {i.status === 'no_source' ? (
          <>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reports.card.noSourceHint')}
            </Typography.Text>
          </>
        ) : null}
      </Typography.Paragraph>
    );
  } else if (i.unit === 'breakdown') {
    body = i.breakdown?.length ? (
      <ul className="report-breakdown">
        {i.breakdown.map((b) => (
          <li key={`${b.key}.${b.measure ?? ''}`}>
            <span>
              {breakdownLabel(lang, i.id, b.key)}
              {b.measure ? ` (${measureLabel(lang, b.measure)})` : ''}
            </span>
            <strong>
              {drillable('numerator', b.value, `${breakdownLabel(lang, i.id, b.key)} ${title}`, {
                key: b.key,
                ...(b.measure ? { measure: b.measure } : {}),
              })}
            </strong>
          </li>
        ))}
      </ul>
    ) : (
      <Typography.Text type="secondary">{t('reports.tables.empty')}</Typography.Text>
    );
  } else {
    body = (
      <>
        <Flex align="baseline" gap={8} wrap>
          <span className="report-value" data-testid={`value-${i.id}`}>
            {i.value === null ? '—' : `${formatNumber(i.value)}${unit}`}
          </span>
          {i.unit === 'percent' && i.numerator !== null && i.denominator !== null ? (
            <Typography.Text type="secondary" className="report-fraction">
              {drillable('numerator', i.numerator, `${t('reports.drill.numerator')}: ${title}`)}
              {' / '}
              {drillable('denominator', i.denominator, `${t('reports.drill.denominator')}: ${title}`)}
            </Typography.Text>
          ) : null}
          {i.unit === 'growth' && i.numerator !== null && i.denominator !== null ? (
            <Typography.Text type="secondary" className="report-fraction">
              {drillable('numerator', i.numerator, `${t('reports.drill.numerator')}: ${title}`)}
              {` ${t('reports.drill.against')} `}
              {drillable('denominator', i.denominator, `${t('reports.drill.denominator')}: ${title}`)}
            </Typography.Text>
          ) : null}
          {i.unit === 'count' && i.numerator !== null && i.numerator > 0 && onDrill ? (
            <Button
              type="link"
              size="small"
              className="report-drill-figure"
              data-testid={`drill-${i.id}-numerator`}
              onClick={() => onDrill({ indicator: i, part: 'numerator' })}
            >
              {t('reports.drill.list')}
            </Button>
          ) : null}
        </Flex>
        {i.breakdown?.length && i.id === 'tipsVerifiedRateByChannel' ? (
          <ul className="report-breakdown">
            {i.breakdown.map((b) => (
              <li key={b.key}>
                <span>{breakdownLabel(lang, i.id, b.key)}</span>
                <span>
                  {drillable('numerator', b.numerator ?? 0, `${breakdownLabel(lang, i.id, b.key)}: ${title}`, {
                    key: b.key,
                  })}
                  {' / '}
                  {drillable('denominator', b.denominator ?? 0, `${breakdownLabel(lang, i.id, b.key)}: ${title}`, {
                    key: b.key,
                  })}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {i.value === null && i.unit !== 'count' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reports.card.noValue')}
          </Typography.Text>
        ) : null}
        <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
          {i.target === null ? (
            <Typography.Text type="secondary">{t('reports.card.noTarget')}</Typography.Text>
          ) : (
            <Typography.Text>
              {t('reports.card.target')}: {formatNumber(i.target)}
              {unit}
            </Typography.Text>
          )}
          {i.delta !== null ? (
            <Tag color={i.meets ? '#237804' : i.meets === false ? '#a8071a' : 'default'} data-testid={`delta-${i.id}`}>
              {isShare(i) ? t('reports.card.points', { value: formatSigned(i.delta) }) : formatSigned(i.delta, 0)}
            </Tag>
          ) : null}
          {i.meets !== null ? (
            <Typography.Text type={i.meets ? 'success' : 'danger'} style={{ fontSize: 12 }}>
              {i.meets ? t('reports.card.met') : t('reports.card.notMet')}
            </Typography.Text>
          ) : null}
        </Flex>
        {i.trend && i.trend.length > 1 ? (
          <TrendChart points={i.trend} target={i.target} label={`${t('reports.card.trend')}: ${title}`} />
        ) : trendPending ? (
          <Flex className="report-trend report-trend-pending" align="center" justify="center" gap={8}>
            <Spin size="small" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reports.card.trendLoading')}
            </Typography.Text>
          </Flex>
        ) : null}
      </>
    );
  }
  return (
    <Card
      size="small"
      className={`report-card report-card-${i.status}`}
      data-testid={`indicator-${i.id}`}
      title={
        <Typography.Text strong style={{ whiteSpace: 'normal' }}>
          {title}
        </Typography.Text>
      }
    >
      {body}
    </Card>
  );
}
