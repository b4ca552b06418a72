import { MedicineBoxOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Divider, Flex, List, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethadoneView, VoluntaryView } from '../../../../../shared/contract/rehab-types';
import { useProcedure } from '../../../api/useProcedure';
import { formatDate } from '../../../i18n/dates';
import { ToneTag } from '../../persons/ToneTag';
import { useRehabAbilities } from '../abilities';
import { DaysLeftTag } from '../DaysLeftTag';
import { useRehabLabels } from '../labels';
import { MethadoneStartModal, MethadoneStepModal, type MethadoneStep } from './MethadoneModals';
import { AdmitModal } from '../roster/AdmitModal';
import { clearManagedMeasures, onRehabEndRequest, publishManagedMeasures } from './managed-measures';
import { StartReferralModal } from './StartReferralModal';
import { VoluntaryEndModal, VoluntaryModal } from './VoluntaryModals';

type Dialog =
  | { kind: 'referral' }
  | { kind: 'voluntary' }
  | { kind: 'voluntaryEnd'; voluntary: VoluntaryView }
  | { kind: 'voluntaryAdmit'; voluntary: VoluntaryView }
  | { kind: 'methadone' }
  | { kind: 'methadoneStep'; episode: MethadoneView; step: MethadoneStep };

const VOLUNTARY_TONE = { registered: 'blue', in_progress: 'gold', completed: 'green', abandoned: 'red' } as const;
const METHADONE_TONE = { treating: 'gold', paused: 'orange', stopped: 'neutral', transferred: 'neutral' } as const;

/**
 * On a person's file: their compulsory-rehab referrals with state and time limit, stays, voluntary rehab and
 * methadone. A commune officer starts a referral, registers voluntary rehab, starts methadone and records its
 * steps from here; the dossiers themselves open under "Cai nghiện". Read once per opening of the file (the
 * host audits each read), and again after a change made here.
 */
export function PersonRehabCard(props: { personId: string; name: string; canWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const labels = useRehabLabels();
  const can = useRehabAbilities();
  const { message } = App.useApp();
  const rehab = useProcedure('rehab.person', { personId: props.personId });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const referrals = rehab.data?.referrals ?? [];
  const voluntary = rehab.data?.voluntary ?? [];
  const methadone = rehab.data?.methadone ?? [];
  const open = referrals.some((r) => !['completed', 'closed', 'exempted', 'died'].includes(r.state));
  const voluntaryOpen = voluntary.some((v) => v.status === 'registered' || v.status === 'in_progress');
  const methadoneActive = methadone.some((m) => m.status === 'treating' || m.status === 'paused');
  const writable = props.canWrite && can.prepare;
  const changed = (text: string) => {
    setDialog(null);
    void message.success(text);
    rehab.reload();
    props.onChanged();
  };
  // The measures card sends the end of a measure that a record here keeps to this card's own dialog.
  const cardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    publishManagedMeasures(props.personId, rehab.data?.managedMeasures ?? null);
  }, [props.personId, rehab.data]);
  useEffect(() => () => clearManagedMeasures(props.personId), [props.personId]);
  useEffect(
    () =>
      onRehabEndRequest((m) => {
        const v = m.kind === 'voluntary' ? rehab.data?.voluntary.find((x) => x.id === m.recordId) : undefined;
        const e = m.kind === 'methadone' ? rehab.data?.methadone.find((x) => x.id === m.recordId) : undefined;
        if (v && writable) setDialog({ kind: 'voluntaryEnd', voluntary: v });
        else if (e && writable) setDialog({ kind: 'methadoneStep', episode: e, step: 'stop' });
        else {
          // Nothing to open here (a stay ends at its facility): show the card and say where it ends.
          cardRef.current?.scrollIntoView({ block: 'start' });
          void message.info(t(m.kind === 'stay' ? 'rehab.person.endAtFacility' : 'rehab.person.endHere'));
        }
      }),
    [rehab.data, writable, message, t],
  );
  const nothing = referrals.length === 0 && !rehab.data?.stays.length && !methadone.length && !voluntary.length;

  return (
    <Card
      ref={cardRef}
      title={t('rehab.person.title')}
      data-testid="person-rehab-card"
      extra={
        writable && !open ? (
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'referral' })}>
            {t('rehab.person.start')}
          </Button>
        ) : null
      }
    >
      {nothing ? (
        <Typography.Text type="secondary">{rehab.loading ? '' : t('rehab.person.none')}</Typography.Text>
      ) : null}
      {referrals.length ? (
        <List
          size="small"
          dataSource={referrals}
          rowKey="id"
          renderItem={(r) => (
            <List.Item data-testid="person-referral">
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>{labels.referralKind.compulsory}</Typography.Text>
                  <ToneTag tone="blue">{labels.referralState[r.state]}</ToneTag>
                </Flex>
                <Typography.Text type="secondary" className="rehab-small">
                  {t('rehab.person.discovered', { date: formatDate(r.discoveredOn) })}
                </Typography.Text>
                {r.deadline ? (
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text>{t('rehab.person.deadline', { date: formatDate(r.deadline) })}</Typography.Text>
                    <DaysLeftTag deadline={r.deadline} daysLeft={r.daysLeft} />
                  </Flex>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
      {voluntary.length ? (
        <List
          size="small"
          dataSource={voluntary}
          rowKey="id"
          renderItem={(v) => (
            <List.Item
              data-testid="person-voluntary"
              actions={[
                ...(can.write && v.setting === 'facility' && v.status === 'registered'
                  ? [
                      <Button
                        key="admit"
                        size="small"
                        type="primary"
                        onClick={() => setDialog({ kind: 'voluntaryAdmit', voluntary: v })}
                      >
                        {t('rehab.admit.openVoluntary')}
                      </Button>,
                    ]
                  : []),
                ...(writable && (v.status === 'registered' || v.status === 'in_progress')
                  ? [
                      <Button key="end" size="small" onClick={() => setDialog({ kind: 'voluntaryEnd', voluntary: v })}>
                        {t('rehab.voluntary.end')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>{labels.referralKind.voluntary}</Typography.Text>
                  <ToneTag tone={VOLUNTARY_TONE[v.status]}>{labels.voluntaryStatus[v.status]}</ToneTag>
                </Flex>
                <Typography.Text type="secondary" className="rehab-small">
                  {t('rehab.voluntary.line', {
                    setting: labels.voluntarySetting[v.setting],
                    date: formatDate(v.registeredOn),
                    months: v.termMonths,
                  })}
                </Typography.Text>
                {v.registrationDeadline ? (
                  <Typography.Text type={v.registeredInTime === false ? 'danger' : 'secondary'} className="rehab-small">
                    {t(v.registeredInTime === false ? 'rehab.voluntary.late' : 'rehab.voluntary.inTime', {
                      date: formatDate(v.registrationDeadline),
                    })}
                  </Typography.Text>
                ) : null}
                {v.deadline ? (
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text>{t('rehab.voluntary.ends', { date: formatDate(v.deadline) })}</Typography.Text>
                    <DaysLeftTag deadline={v.deadline} daysLeft={v.daysLeft} />
                  </Flex>
                ) : v.endedOn ? (
                  <Typography.Text className="rehab-small">
                    {t('rehab.voluntary.endedLine', { date: formatDate(v.endedOn) })}
                  </Typography.Text>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
      {methadone.length ? (
        <List
          size="small"
          dataSource={methadone}
          rowKey="id"
          renderItem={(m) => {
            const active = m.status === 'treating' || m.status === 'paused';
            const steps: MethadoneStep[] = active
              ? [m.status === 'treating' ? 'pause' : 'resume', 'transfer', 'stop']
              : [];
            return (
              <List.Item data-testid="person-methadone">
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong>{t('rehab.person.methadone')}</Typography.Text>
                    <ToneTag tone={METHADONE_TONE[m.status]}>{labels.methadoneStatus[m.status]}</ToneTag>
                  </Flex>
                  <Typography.Text type="secondary" className="rehab-small">
                    {t('rehab.methadone.line', { date: formatDate(m.startedOn), since: formatDate(m.statusOn) })}
                  </Typography.Text>
                  {m.stopReason ? (
                    <Typography.Text className="rehab-small">
                      {t('rehab.methadone.stoppedLine', {
                        reason: labels.methadoneStopReason[m.stopReason],
                        date: formatDate(m.stoppedOn ?? m.statusOn),
                      })}
                    </Typography.Text>
                  ) : null}
                  {writable && steps.length ? (
                    <Flex gap={8} wrap>
                      {steps.map((step) => (
                        <Button
                          key={step}
                          size="small"
                          danger={step === 'stop'}
                          onClick={() => setDialog({ kind: 'methadoneStep', episode: m, step })}
                        >
                          {t(`rehab.methadone.${step}`)}
                        </Button>
                      ))}
                    </Flex>
                  ) : null}
                </Flex>
              </List.Item>
            );
          }}
        />
      ) : null}
      {writable && (!voluntaryOpen || !methadoneActive) ? (
        <>
          <Divider style={{ margin: '12px 0' }} />
          <Flex gap={8} wrap>
            {!voluntaryOpen ? (
              <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'voluntary' })}>
                {t('rehab.voluntary.open')}
              </Button>
            ) : null}
            {!methadoneActive ? (
              <Button icon={<MedicineBoxOutlined />} onClick={() => setDialog({ kind: 'methadone' })}>
                {t('rehab.methadone.open')}
              </Button>
            ) : null}
          </Flex>
        </>
      ) : null}
      {dialog?.kind === 'referral' ? (
        <StartReferralModal
          personId={props.personId}
          name={props.name}
          onClose={() => setDialog(null)}
          onDone={(d) =>
            changed(
              d.referral.deadline
                ? t('rehab.start.done', { date: formatDate(d.referral.deadline) })
                : t('rehab.start.doneNoDeadline'),
            )
          }
        />
      ) : null}
      {dialog?.kind === 'voluntary' ? (
        <VoluntaryModal
          personId={props.personId}
          name={props.name}
          onClose={() => setDialog(null)}
          onDone={(v) =>
            changed(
              v.registeredInTime === false && v.registrationDeadline
                ? t('rehab.voluntary.doneLate', { date: formatDate(v.registrationDeadline) })
                : t('rehab.voluntary.done'),
            )
          }
        />
      ) : null}
      {dialog?.kind === 'voluntaryEnd' ? (
        <VoluntaryEndModal
          voluntary={dialog.voluntary}
          onClose={() => setDialog(null)}
          onDone={() => changed(t('rehab.voluntary.endDone'))}
        />
      ) : null}
      {dialog?.kind === 'voluntaryAdmit' ? (
        <AdmitModal
          voluntaryId={dialog.voluntary.id}
          name={props.name}
          facilityId={dialog.voluntary.facilityId}
          notBefore={dialog.voluntary.registeredOn}
          onClose={() => setDialog(null)}
          onDone={(stay) =>
            changed(t('rehab.admit.doneVoluntary', { date: formatDate(stay.plannedDischargeOn ?? stay.admittedOn) }))
          }
        />
      ) : null}
      {dialog?.kind === 'methadone' ? (
        <MethadoneStartModal
          personId={props.personId}
          name={props.name}
          onClose={() => setDialog(null)}
          onDone={() => changed(t('rehab.methadone.startDone'))}
        />
      ) : null}
      {dialog?.kind === 'methadoneStep' ? (
        <MethadoneStepModal
          episode={dialog.episode}
          step={dialog.step}
          onClose={() => setDialog(null)}
          onDone={() => changed(t(`rehab.methadone.${dialog.step}Done`))}
        />
      ) : null}
    </Card>
  );
}
