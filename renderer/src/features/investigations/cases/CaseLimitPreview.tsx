import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { daysBetween } from '../../../../../shared/domain/investigations';
import { formatDate } from '../../../i18n/dates';
import { todayIso } from '../../persons/format';
import { DeadlineTag } from '../DeadlineTag';
import { useInvestigationLabels } from '../labels';
import { liveLimit } from './live-limit';
import type { OffenceForm } from './OffencesField';

export function CaseLimitPreview(props: { offences: readonly OffenceForm[] | undefined; prosecutedOn: string }) {
  const { t } = useTranslation();
  const labels = useInvestigationLabels();
  const { severity, deadline } = liveLimit(props.offences, props.prosecutedOn);
  return (
    <Row gutter={16} aria-live="polite">
      <Col xs={24} md={12}>
        <div className="inv-computed">
          <div className="inv-computed-label">{t('investigations.case.severity')}</div>
          <div className="inv-computed-value" data-testid="case-severity-live">
            {severity ? labels.severity[severity] : '—'}
          </div>
        </div>
      </Col>
      <Col xs={24} md={12}>
        <div className="inv-computed">
          <div className="inv-computed-label">{t('investigations.case.deadlineLive')}</div>
          <div className="inv-computed-value" data-testid="case-deadline-live">
            {deadline ? <DeadlineTag deadline={deadline} daysLeft={daysBetween(todayIso(), deadline)} /> : '—'}
          </div>
        </div>
      </Col>
      {deadline ? (
        <Col xs={24}>
          <div className="inv-muted" style={{ marginTop: -12, marginBottom: 16 }}>
            {t('investigations.case.deadlineRule', { date: formatDate(props.prosecutedOn) })}
          </div>
        </Col>
      ) : null}
    </Row>
  );
}
