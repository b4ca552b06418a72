import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FolderOpenOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TipView } from '../../../../../shared/contract';
import { TIP_LIMIT, TIP_TRANSITIONS } from '../../../../../shared/domain/investigations';
import { Permissions, type Permission } from '../../../../../shared/domain/roles';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { useSignedInSession } from '../../../app/session-context';
import { PageHeader } from '../../../components/PageHeader';
import { formatDate, formatDateTime } from '../../../i18n/dates';
import { DeadlineTag } from '../DeadlineTag';
import { personLine } from '../PersonPicker';
import { ExtendModal } from '../ExtendModal';
import { ExtensionsList } from '../ExtensionsList';
import { useReloadOn } from '../../persons/useReloadOn';
import { useInvestigationScreenActive, useInvestigationsNavigation } from '../investigations-navigation';
import { communeName, useInvestigationLabels } from '../labels';
import { SeizuresCard, totalsOf } from '../SeizuresCard';
import { TipDecisionModal } from './TipDecisionModal';
import { TipStateTag } from './TipStateTag';

/** The persons a tip names, as the caller may see them; those outside the caller's scope are only counted. */
function TipPersons({ tip }: { tip: TipView }) {
  const { t } = useTranslation();
  if (!tip.personIds.length) return <>{t('investigations.tip.noPersons')}</>;
  const hidden = tip.personIds.length - tip.persons.length;
  return (
    <Flex vertical gap={2} data-testid="tip-persons">
      {tip.persons.map((p) => (
        <span key={p.id}>{personLine(p)}</span>
      ))}
      {hidden ? (
        <Typography.Text type="secondary">{t('investigations.tip.outOfScope', { count: hidden })}</Typography.Text>
      ) : null}
    </Flex>
  );
}

/** A tip: its receipt, the Art. 147 time limit with its extensions, the decision, and what was seized. */
export function TipFilePage({ tipId }: { tipId: string }) {
  const { t } = useTranslation();
  const nav = useInvestigationsNavigation();
  const session = useSignedInSession();
  const labels = useInvestigationLabels();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const tip = useProcedure('tips.get', { tipId });
  const [dialog, setDialog] = useState<'decide' | 'extend' | null>(null);
  // A write answered with the tip as it now stands: the version bump that tells the lists must not make this
  // screen read (and log a read of) it again.
  const fresh = useRef(false);
  const reloadUnlessFresh = useCallback(() => {
    if (fresh.current) fresh.current = false;
    else tip.reload();
  }, [tip]);
  useReloadOn(nav.version, reloadUnlessFresh, useInvestigationScreenActive());
  const can = (p: Permission) => session.permissions.includes(p);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={nav.back}>
      {t('investigations.common.back')}
    </Button>
  );
  if (tip.error)
    return (
      <>
        <PageHeader title={t('investigations.tip.title')} extra={back} />
        <Alert type="error" showIcon title={errorText(tip.error)} />
      </>
    );
  if (!tip.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const v = tip.data;
  const canWrite = can(Permissions.tipsWrite);
  const decidable = canWrite && TIP_TRANSITIONS[v.state].length > 0;
  const extendable = canWrite && v.state === 'verifying' && v.extensions.length < TIP_LIMIT.extensions.length;
  const updated = (next: TipView) => {
    tip.replace(next);
    fresh.current = true;
    nav.changed();
  };

  return (
    <>
      <PageHeader
        title={t('investigations.tip.titleOf', { date: formatDate(v.receivedOn) })}
        extra={
          <>
            {back}
            {canWrite && !v.resolved ? (
              <Button icon={<EditOutlined />} onClick={() => nav.open({ kind: 'tipEdit', tipId })}>
                {t('investigations.common.edit')}
              </Button>
            ) : null}
            {extendable ? (
              <Button icon={<FieldTimeOutlined />} onClick={() => setDialog('extend')}>
                {t('investigations.extension.open')}
              </Button>
            ) : null}
            {decidable ? (
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDialog('decide')}>
                {t('investigations.decision.open')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={12} align="center" wrap style={{ marginTop: -8, marginBottom: 20 }}>
        <span data-testid="tip-state">
          <TipStateTag state={v.state} />
        </span>
        <Typography.Text>{t('investigations.deadline.column')}:</Typography.Text>
        <span data-testid="tip-deadline">
          <DeadlineTag deadline={v.deadline} daysLeft={v.daysLeft} />
        </span>
        {v.caseId && can(Permissions.casesRead) ? (
          <Button icon={<FolderOpenOutlined />} onClick={() => nav.open({ kind: 'case', caseId: v.caseId! })}>
            {t('investigations.tip.openCase')}
          </Button>
        ) : null}
      </Flex>
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={20}>
            <Card title={t('investigations.tip.receipt')}>
              <Descriptions column={{ xs: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('investigations.tip.receivedOn')}>
                  {v.receivedAt ? formatDateTime(v.receivedAt) : formatDate(v.receivedOn)}
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.tip.receivedBy')}>{v.receivedBy ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('investigations.tip.source')}>
                  {labels.tipSource[v.source]}
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.tip.channel')}>
                  {labels.tipChannel[v.channel]}
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.tip.commune')}>
                  {communeName(v.communeCode, true) || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('investigations.tip.place')}>{v.place ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('investigations.tip.persons')}>
                  <TipPersons tip={v} />
                </Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }}>
                {v.summary}
              </Typography.Paragraph>
            </Card>
            <SeizuresCard
              owner={{ tipId }}
              seizures={v.seizures}
              totals={totalsOf(v.seizures)}
              canWrite={can(Permissions.casesWrite) && !v.resolved}
              onChanged={nav.changed}
            />
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={20}>
            <Card title={t('investigations.decision.title')}>
              {v.decidedOn ? (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('investigations.decision.decision')}>
                    {labels.tipState[v.state]}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('investigations.decision.decidedOn')}>
                    {formatDate(v.decidedOn)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('investigations.decision.number')}>
                    {v.decisionNumber ?? '—'}
                  </Descriptions.Item>
                  {v.transferredTo ? (
                    <Descriptions.Item label={t('investigations.decision.transferredTo')}>
                      {v.transferredTo}
                    </Descriptions.Item>
                  ) : null}
                  {v.decisionNote ? (
                    <Descriptions.Item label={t('investigations.decision.note')}>{v.decisionNote}</Descriptions.Item>
                  ) : null}
                </Descriptions>
              ) : (
                <Typography.Text type="secondary">{t('investigations.decision.notYet')}</Typography.Text>
              )}
            </Card>
            <Card title={t('investigations.extension.listTip')}>
              <ExtensionsList extensions={v.extensions} />
            </Card>
          </Flex>
        </Col>
      </Row>
      {dialog === 'decide' ? (
        <TipDecisionModal
          tip={v}
          canOpenCase={can(Permissions.casesWrite)}
          onClose={() => setDialog(null)}
          onDecided={(next) => {
            setDialog(null);
            updated(next);
            void message.success(t('investigations.decision.saved'));
          }}
          onProsecute={(d) => {
            setDialog(null);
            nav.open({ kind: 'caseCreate', fromTip: { tipId, ...d } });
          }}
        />
      ) : null}
      {dialog === 'extend' ? (
        <ExtendModal
          owner={{ kind: 'tip', id: tipId }}
          rule={TIP_LIMIT}
          start={v.receivedOn}
          extensions={v.extensions}
          deadline={v.deadline}
          onClose={() => setDialog(null)}
          onExtended={() => {
            setDialog(null);
            nav.changed();
            void message.success(t('investigations.extension.saved'));
          }}
        />
      ) : null}
    </>
  );
}
