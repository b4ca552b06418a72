import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Timeline, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralDossier, StayView } from '../../../../../shared/contract/rehab-types';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { PageHeader } from '../../../components/PageHeader';
import { formatDate, formatDateTime } from '../../../i18n/dates';
import { CategoryTag } from '../../persons/CategoryTag';
import { placeName, usePersonLabels } from '../../persons/labels';
import { ToneTag } from '../../persons/ToneTag';
import { useReloadOn } from '../../persons/useReloadOn';
import { useRehabAbilities } from '../abilities';
import { DaysLeftTag } from '../DaysLeftTag';
import { useRehabLabels } from '../labels';
import { PrintPreviewModal } from '../../../components/PrintPreviewModal';
import { useRehabNavigation, useRehabScreenActive } from '../rehab-navigation';
import { StayCard } from '../roster/StayCard';
import { ChecklistCard } from './ChecklistCard';
import { NextStepsCard } from './NextStepsCard';

/** The referral's limit in words: what is due and by when, with its legal basis. */
function DeadlineLine({ d }: { d: ReferralDossier }) {
  const { t } = useTranslation();
  const r = d.referral;
  if (!r.deadline) return <Typography.Text type="secondary">{t('rehab.days.none')}</Typography.Text>;
  return (
    <Flex gap={8} align="center" wrap data-testid="referral-deadline">
      <Typography.Text strong>{formatDate(r.deadline)}</Typography.Text>
      <DaysLeftTag deadline={r.deadline} daysLeft={r.daysLeft} />
      {r.minor && (r.state === 'accepted' || r.state === 'hearing') ? (
        <Typography.Text type="secondary">
          {t(r.complex ? 'rehab.dossier.minorCourtComplex' : 'rehab.dossier.minorCourt')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/**
 * A compulsory-rehab referral: the person, the state and its time limit, the court's decision, the document
 * checklist with scans, the history, the next steps, and the stay once admitted. Opening it is audited.
 */
export function ReferralDossierPage({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const nav = useRehabNavigation();
  const labels = useRehabLabels();
  const personLabels = usePersonLabels();
  const errorText = useErrorText();
  const can = useRehabAbilities();
  const dossier = useProcedure('referrals.get', { referralId });
  const [printing, setPrinting] = useState(false);
  // A write answered with the dossier as it now stands: the version bump for the screens below must not make
  // this one read (and log a read of) it again.
  const fresh = useRef(false);
  const reloadUnlessFresh = useCallback(() => {
    if (fresh.current) fresh.current = false;
    else dossier.reload();
  }, [dossier]);
  useReloadOn(nav.version, reloadUnlessFresh, useRehabScreenActive());

  const changed = (next: ReferralDossier) => {
    dossier.replace(next);
    fresh.current = true;
    nav.changed();
  };
  // A stay's answer is the stay alone: the referral's state and the person's category moved with it.
  const stayChanged = (_: StayView) => nav.changed();

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={nav.back}>
      {t('rehab.back')}
    </Button>
  );
  if (dossier.error) {
    return (
      <>
        <PageHeader title={t('rehab.dossier.title')} extra={back} />
        <Alert type="error" showIcon title={errorText(dossier.error)} />
      </>
    );
  }
  if (!dossier.data) return <Skeleton active paragraph={{ rows: 14 }} />;
  const d = dossier.data;
  const r = d.referral;
  const p = d.person;

  return (
    <>
      <PageHeader
        title={p.fullName}
        description={t('rehab.dossier.subtitle')}
        extra={
          <>
            {back}
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
              {t('rehab.dossier.printCover')}
            </Button>
          </>
        }
      />
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={20}>
            <Card title={t('rehab.dossier.summary')}>
              <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
                <ToneTag tone="blue" testId="referral-state">
                  {labels.referralState[r.state]}
                </ToneTag>
                <Typography.Text type="secondary">
                  {t('rehab.board.since', { date: formatDate(r.stateOn) })}
                </Typography.Text>
                {r.minor ? <ToneTag tone="purple">{t('rehab.minor')}</ToneTag> : null}
                {r.repeat ? <ToneTag tone="orange">{t('rehab.dossier.repeat')}</ToneTag> : null}
                {r.complex ? <ToneTag tone="gold">{t('rehab.dossier.complex')}</ToneTag> : null}
              </Flex>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'deadline', label: t('rehab.dossier.deadline'), span: 2, children: <DeadlineLine d={d} /> },
                  {
                    key: 'category',
                    label: t('rehab.dossier.category'),
                    children: (
                      <span data-testid="person-category">
                        <CategoryTag category={p.category} />
                      </span>
                    ),
                  },
                  {
                    key: 'birth',
                    label: t('rehab.dossier.birth'),
                    children: `${formatDate(p.birthDate)} · ${personLabels.sex[p.sex]}`,
                  },
                  { key: 'cid', label: t('rehab.dossier.citizenId'), children: p.citizenId ?? '—' },
                  {
                    key: 'commune',
                    label: t('rehab.dossier.commune'),
                    children: placeName(p.communeCode, p.provinceCode),
                  },
                  { key: 'discovered', label: t('rehab.dossier.discoveredOn'), children: formatDate(r.discoveredOn) },
                  {
                    key: 'ground',
                    label: t('rehab.dossier.ground'),
                    children: r.ground ? t(`rehab.dossier.grounds.${r.ground}`) : '—',
                  },
                  {
                    key: 'custody',
                    label: t('rehab.dossier.custody'),
                    children: labels.pendingCustody[r.pendingCustody],
                  },
                  { key: 'facility', label: t('rehab.dossier.facility'), children: d.facility?.name ?? '—' },
                  {
                    key: 'term',
                    label: t('rehab.dossier.termRange'),
                    children:
                      d.termRange.min === d.termRange.max
                        ? t('rehab.decision.months', { count: d.termRange.min })
                        : t('rehab.decision.monthsRange', { min: d.termRange.min, max: d.termRange.max }),
                  },
                  ...(r.decision
                    ? [
                        {
                          key: 'decision',
                          label: t('rehab.dossier.decision'),
                          span: 2,
                          children: (
                            <span data-testid="referral-decision">
                              {labels.decisionKind[r.decision.kind]}
                              {r.decision.termMonths
                                ? ` — ${t('rehab.decision.months', { count: r.decision.termMonths })}`
                                : ''}
                              {r.decision.number
                                ? ` · ${t('rehab.dossier.decisionNumber', { number: r.decision.number })}`
                                : ''}
                              {` · ${formatDate(r.decision.on)}`}
                              {r.decision.court ? ` · ${r.decision.court}` : ''}
                            </span>
                          ),
                        },
                      ]
                    : []),
                  ...(r.notes ? [{ key: 'notes', label: t('rehab.dossier.notes'), span: 2, children: r.notes }] : []),
                ]}
              />
            </Card>
            <NextStepsCard dossier={d} onChanged={changed} onStayChanged={stayChanged} />
            {d.stay ? (
              <StayCard stay={d.stay} name={p.fullName} facilityName={d.facility?.name ?? ''} onChanged={stayChanged} />
            ) : null}
            <ChecklistCard dossier={d} canWrite={can.write && !d.stay} onChanged={changed} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('rehab.dossier.history')}>
            <Timeline
              items={[...d.history].reverse().map((h) => ({
                key: `${h.state}-${h.at}`,
                children: (
                  <Flex vertical>
                    <Typography.Text strong>
                      {formatDate(h.on)} — {labels.referralState[h.state]}
                    </Typography.Text>
                    {h.note ? <Typography.Text>{h.note}</Typography.Text> : null}
                    <Typography.Text type="secondary" className="rehab-small">
                      {t('rehab.dossier.recorded', {
                        at: formatDateTime(h.at),
                        by: h.by ?? t('rehab.dossier.elsewhere'),
                      })}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {printing ? (
        <PrintPreviewModal
          title={t('rehab.print.coverTitle', { name: p.fullName })}
          intro={t('rehab.print.coverIntro')}
          frameTitle={t('rehab.print.coverFrame')}
          print={(purpose) => api.invoke('referrals.print', { referralId, purpose })}
          onClose={() => setPrinting(false)}
        />
      ) : null}
    </>
  );
}
