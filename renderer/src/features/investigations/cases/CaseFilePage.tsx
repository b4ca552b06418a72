import {
  ArrowLeftOutlined,
  EditOutlined,
  FieldTimeOutlined,
  NodeIndexOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Table, Timeline, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, OffenceView } from '../../../../../shared/contract';
import { CASE_LIMITS, CASE_TRANSITIONS } from '../../../../../shared/domain/investigations';
import { Permissions } from '../../../../../shared/domain/roles';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { useSignedInSession } from '../../../app/session-context';
import { PageHeader } from '../../../components/PageHeader';
import { PrintPreviewModal } from '../../../components/PrintPreviewModal';
import { formatDate } from '../../../i18n/dates';
import { useReloadOn } from '../../persons/useReloadOn';
import { DeadlineTag } from '../DeadlineTag';
import { ExtendModal } from '../ExtendModal';
import { ExtensionsList } from '../ExtensionsList';
import { useInvestigationScreenActive, useInvestigationsNavigation } from '../investigations-navigation';
import { communeName, useInvestigationLabels } from '../labels';
import { SeizuresCard } from '../SeizuresCard';
import { ToneTag } from '../../persons/ToneTag';
import { CaseStateTag, SeverityTag } from '../tips/TipStateTag';
import { AdvanceModal } from './AdvanceModal';
import { SuspectsCard } from './SuspectsCard';

/**
 * The case file (hồ sơ vụ án): decision and offences with their penalties, severity and the Art. 172 deadline
 * with its extensions, suspects, seizures with totals per unit, the states it went through; state changes,
 * extensions and the A4 summary. Every open is audited by the host (cases.get).
 */
export function CaseFilePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const nav = useInvestigationsNavigation();
  const session = useSignedInSession();
  const labels = useInvestigationLabels();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const file = useProcedure('cases.get', { caseId });
  const [dialog, setDialog] = useState<'advance' | 'extend' | 'print' | null>(null);
  const fresh = useRef(false);
  const reloadUnlessFresh = useCallback(() => {
    if (fresh.current) fresh.current = false;
    else file.reload();
  }, [file]);
  useReloadOn(nav.version, reloadUnlessFresh, useInvestigationScreenActive());

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={nav.back}>
      {t('investigations.common.back')}
    </Button>
  );
  if (file.error)
    return (
      <>
        <PageHeader title={t('investigations.case.title')} extra={back} />
        <Alert type="error" showIcon title={errorText(file.error)} />
      </>
    );
  if (!file.data) return <Skeleton active paragraph={{ rows: 14 }} />;
  const c = file.data;
  const canWrite = session.permissions.includes(Permissions.casesWrite);
  const changed = (next: CaseView) => {
    file.replace(next);
    fresh.current = true;
    nav.changed();
  };
  const extendable = canWrite && c.state === 'investigating' && c.extensionsLeft > 0;

  return (
    <>
      <PageHeader
        title={t('investigations.case.titleOf', { number: c.number })}
        extra={
          <>
            {back}
            {canWrite && !c.resolved ? (
              <Button icon={<EditOutlined />} onClick={() => nav.open({ kind: 'caseEdit', caseId })}>
                {t('investigations.common.edit')}
              </Button>
            ) : null}
            {extendable ? (
              <Button icon={<FieldTimeOutlined />} onClick={() => setDialog('extend')}>
                {t('investigations.extension.open')}
              </Button>
            ) : null}
            {canWrite && CASE_TRANSITIONS[c.state].length ? (
              <Button icon={<NodeIndexOutlined />} onClick={() => setDialog('advance')}>
                {t('investigations.advance.open')}
              </Button>
            ) : null}
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => setDialog('print')}>
              {t('investigations.print.open')}
            </Button>
          </>
        }
      />
      <Flex gap={12} align="center" wrap style={{ marginTop: -8, marginBottom: 20 }}>
        <span data-testid="case-state">
          <CaseStateTag state={c.state} />
        </span>
        <SeverityTag severity={c.severity} testId="case-severity" />
        <Typography.Text>{t('investigations.case.deadline')}:</Typography.Text>
        <span data-testid="case-deadline">
          <DeadlineTag deadline={c.deadline} daysLeft={c.daysLeft} />
        </span>
        {c.resolved ? <ToneTag tone="green">{t('investigations.case.resolved')}</ToneTag> : null}
      </Flex>
      <Flex vertical gap={20}>
        <Row gutter={[20, 20]}>
          <Col xs={24} xl={14}>
            <Card title={t('investigations.case.decision')}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('investigations.case.number')}>{c.number}</Descriptions.Item>
                <Descriptions.Item label={t('investigations.case.prosecutedOn')}>
                  {formatDate(c.prosecutedOn)}
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.case.decisionNumber')}>
                  {c.decisionNumber}
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.case.prosecutingUnit')}>
                  {c.prosecutingUnit ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.case.commune')}>
                  {communeName(c.communeCode, true) || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.case.flags')}>
                  {[
                    c.international
                      ? `${labels.flag.international}${c.partnerCountry ? ` (${labels.partnerCountry[c.partnerCountry]})` : ''}`
                      : null,
                    c.transnationalRoute ? labels.flag.transnationalRoute : null,
                    c.organisedRing ? labels.flag.organisedRing : null,
                  ]
                    .filter(Boolean)
                    .join('; ') || '—'}
                </Descriptions.Item>
              </Descriptions>
              {c.summary ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }}>
                  {c.summary}
                </Typography.Paragraph>
              ) : null}
              {c.tipId ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => nav.open({ kind: 'tip', tipId: c.tipId! })}>
                  {t('investigations.case.openTip')}
                </Button>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('investigations.case.limit')}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('investigations.case.severity')}>
                  {labels.severity[c.severity]}
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.case.deadline')}>
                  <DeadlineTag deadline={c.deadline} daysLeft={c.daysLeft} />
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.extension.left')}>
                  {c.extensionsLeft
                    ? t('investigations.extension.leftValue', {
                        count: c.extensionsLeft,
                        max: c.nextExtensionMaxMonths,
                      })
                    : t('investigations.extension.none')}
                </Descriptions.Item>
              </Descriptions>
              <ExtensionsList extensions={c.extensions} />
            </Card>
          </Col>
        </Row>
        <Card title={t('investigations.case.offences')}>
          <Table<OffenceView>
            rowKey={(o) => `${o.article}.${o.clause}`}
            size="small"
            pagination={false}
            aria-label={t('investigations.case.offences')}
            dataSource={c.offences}
            columns={[
              {
                title: t('investigations.case.offence'),
                key: 'ref',
                width: 170,
                render: (_, o) => labels.offence(o.article, o.clause),
              },
              {
                title: t('investigations.case.offenceTitle'),
                key: 'title',
                render: (_, o) => labels.articleTitle(o.article),
              },
              {
                title: t('investigations.case.penalty'),
                key: 'penalty',
                width: 260,
                render: (_, o) => labels.penalty(o.minYears, o.maxPenalty),
              },
            ]}
          />
        </Card>
        <SuspectsCard caseFile={c} canWrite={canWrite && !c.resolved} onChanged={changed} />
        <Row gutter={[20, 20]}>
          <Col xs={24} xl={15}>
            <SeizuresCard
              owner={{ caseId }}
              seizures={c.seizures}
              totals={c.totals}
              canWrite={canWrite}
              onChanged={file.reload}
            />
          </Col>
          <Col xs={24} xl={9}>
            <Card title={t('investigations.case.history')}>
              <Timeline
                items={c.stateHistory.map((h) => ({
                  key: `${h.state}-${h.on}`,
                  content: (
                    <Flex vertical>
                      <span>
                        <strong>{labels.caseState[h.state]}</strong> · {formatDate(h.on)}
                      </span>
                      {h.decisionNumber ? <span className="inv-muted">{h.decisionNumber}</span> : null}
                      {h.note ? <span className="inv-muted">{h.note}</span> : null}
                    </Flex>
                  ),
                }))}
              />
            </Card>
          </Col>
        </Row>
      </Flex>
      {dialog === 'advance' ? (
        <AdvanceModal
          caseFile={c}
          onClose={() => setDialog(null)}
          onAdvanced={(next) => {
            setDialog(null);
            changed(next);
            void message.success(t('investigations.advance.saved'));
          }}
        />
      ) : null}
      {dialog === 'extend' ? (
        <ExtendModal
          owner={{ kind: 'case', id: caseId }}
          rule={CASE_LIMITS[c.severity]}
          start={c.prosecutedOn}
          extensions={c.extensions}
          deadline={c.deadline}
          onClose={() => setDialog(null)}
          onExtended={() => {
            setDialog(null);
            nav.changed();
            void message.success(t('investigations.extension.saved'));
          }}
        />
      ) : null}
      {dialog === 'print' ? (
        <PrintPreviewModal
          title={t('investigations.print.title', { number: c.number })}
          intro={t('investigations.print.intro')}
          frameTitle={t('investigations.print.frameTitle')}
          print={(purpose) => api.invoke('cases.print', { caseId, purpose })}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </>
  );
}
