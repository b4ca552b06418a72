import { ArrowLeftOutlined, EditOutlined, NodeIndexOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Timeline } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotspotView } from '../../../../../shared/contract';
import { HOTSPOT_TRANSITIONS } from '../../../../../shared/domain/investigations';
import { Permissions } from '../../../../../shared/domain/roles';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { useSignedInSession } from '../../../app/session-context';
import { PageHeader } from '../../../components/PageHeader';
import { formatDate } from '../../../i18n/dates';
import { useReloadOn } from '../../persons/useReloadOn';
import { useInvestigationScreenActive, useInvestigationsNavigation } from '../investigations-navigation';
import { communeName, useInvestigationLabels } from '../labels';
import { HotspotAdvanceModal } from './HotspotAdvanceModal';
import { HotspotModal } from './HotspotModal';
import { HotspotStatusTag } from './HotspotStatusTag';

/** A hot spot: where, what happens there, its statuses with dates, and the case that eliminated it. */
export function HotspotFilePage({ hotspotId }: { hotspotId: string }) {
  const { t } = useTranslation();
  const nav = useInvestigationsNavigation();
  const session = useSignedInSession();
  const labels = useInvestigationLabels();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const spot = useProcedure('hotspots.get', { hotspotId });
  const [dialog, setDialog] = useState<'edit' | 'advance' | null>(null);
  const fresh = useRef(false);
  const reloadUnlessFresh = useCallback(() => {
    if (fresh.current) fresh.current = false;
    else spot.reload();
  }, [spot]);
  useReloadOn(nav.version, reloadUnlessFresh, useInvestigationScreenActive());

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={nav.back}>
      {t('investigations.common.back')}
    </Button>
  );
  if (spot.error)
    return (
      <>
        <PageHeader title={t('investigations.hotspot.title')} extra={back} />
        <Alert type="error" showIcon title={errorText(spot.error)} />
      </>
    );
  if (!spot.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const h = spot.data;
  const canWrite = session.permissions.includes(Permissions.tipsWrite);
  const canCases = session.permissions.includes(Permissions.casesRead);
  const changed = (next: HotspotView) => {
    setDialog(null);
    spot.replace(next);
    fresh.current = true;
    nav.changed();
  };

  return (
    <>
      <PageHeader
        title={`${labels.hotspotKind[h.kind]}: ${h.address}`}
        extra={
          <>
            {back}
            {canWrite ? (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('investigations.common.edit')}
              </Button>
            ) : null}
            {canWrite && HOTSPOT_TRANSITIONS[h.status].length ? (
              <Button type="primary" icon={<NodeIndexOutlined />} onClick={() => setDialog('advance')}>
                {t('investigations.hotspot.advance')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={12} align="center" wrap style={{ marginTop: -8, marginBottom: 20 }}>
        <span data-testid="hotspot-status">
          <HotspotStatusTag status={h.status} />
        </span>
        <span className="inv-muted">{t('investigations.hotspot.since', { date: formatDate(h.statusOn) })}</span>
      </Flex>
      {h.reformedCount ? (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled />}
          style={{ marginBottom: 20 }}
          data-testid="hotspot-reformed"
          title={t('investigations.hotspot.reformedTimes', {
            count: h.reformedCount,
            date: formatDate(h.reformedOn),
          })}
          description={t('investigations.hotspots.reformedHint')}
        />
      ) : null}
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={14}>
          <Card title={t('investigations.hotspot.details')}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('investigations.hotspot.commune')}>
                {communeName(h.communeCode, true)}
              </Descriptions.Item>
              <Descriptions.Item label={t('investigations.hotspot.kind')}>
                {labels.hotspotKind[h.kind]}
              </Descriptions.Item>
              <Descriptions.Item label={t('investigations.hotspot.address')} span={2}>
                {h.address}
              </Descriptions.Item>
              <Descriptions.Item label={t('investigations.hotspot.activities')}>
                {h.activities.map((a) => labels.hotspotActivity[a]).join(', ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('investigations.hotspot.discoveredOn')}>
                {formatDate(h.discoveredOn)}
              </Descriptions.Item>
              <Descriptions.Item label={t('investigations.hotspot.eliminatedOn')}>
                {h.eliminatedOn ? formatDate(h.eliminatedOn) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('investigations.hotspot.case')}>
                {h.eliminatedByCaseId && canCases ? (
                  <Button
                    type="link"
                    style={{ padding: 0, height: 'auto' }}
                    onClick={() => nav.open({ kind: 'case', caseId: h.eliminatedByCaseId! })}
                  >
                    {t('investigations.hotspot.openCase')}
                  </Button>
                ) : h.eliminatedByCaseId ? (
                  t('investigations.hotspot.caseRecorded')
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              {h.notes ? (
                <Descriptions.Item label={t('investigations.hotspot.notes')} span={2}>
                  {h.notes}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('investigations.hotspot.history')}>
            <Timeline
              items={h.history.map((c, i) => ({
                key: `${i}`,
                color: c.status === 'reformed' ? 'red' : c.status === 'eliminated' ? 'green' : 'blue',
                content: (
                  <Flex vertical>
                    <span>
                      <strong>{labels.hotspotStatus[c.status]}</strong> · {formatDate(c.on)}
                    </span>
                    {c.note ? <span className="inv-muted">{c.note}</span> : null}
                  </Flex>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {dialog === 'edit' ? (
        <HotspotModal
          hotspot={h}
          onClose={() => setDialog(null)}
          onSaved={(next) => {
            changed(next);
            void message.success(t('investigations.hotspot.updated'));
          }}
        />
      ) : null}
      {dialog === 'advance' ? (
        <HotspotAdvanceModal
          hotspot={h}
          canPickCase={canCases}
          onClose={() => setDialog(null)}
          onAdvanced={(next) => {
            changed(next);
            void message.success(t('investigations.hotspot.advanced'));
          }}
        />
      ) : null}
    </>
  );
}
