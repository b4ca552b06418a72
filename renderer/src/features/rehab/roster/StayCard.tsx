import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StayView } from '../../../../../shared/contract/rehab-types';
import { STAY_STAGE_LIST, type StayIncident } from '../../../../../shared/domain/rehab';
import { useApi } from '../../../api/api-context';
import { formatDate } from '../../../i18n/dates';
import { ToneTag } from '../../persons/ToneTag';
import { useRehabAbilities } from '../abilities';
import { DaysLeftTag } from '../DaysLeftTag';
import { useRehabLabels } from '../labels';
import { PrintPreviewModal } from '../../../components/PrintPreviewModal';
import { DischargeModal, IncidentModal, StageModal } from './StayStepModals';

type Dialog =
  { kind: 'stage' } | { kind: 'incident'; incident: StayIncident } | { kind: 'discharge' } | { kind: 'print' };

/**
 * A stay at a facility: admission, the stage it is in (with the stages behind it), incidents, the planned and
 * actual discharge; and for rehab staff the next moves: another stage, absconding or return, a violation,
 * discharge, and the discharge certificate.
 */
export function StayCard(props: {
  stay: StayView;
  name: string;
  facilityName: string;
  onChanged: (s: StayView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const can = useRehabAbilities();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const s = props.stay;
  const open = s.status === 'in_stay' || s.status === 'absconded';
  const done = (next: StayView, text: string) => {
    setDialog(null);
    void message.success(text);
    props.onChanged(next);
  };
  const stageIndex = STAY_STAGE_LIST.indexOf(s.stage);
  const stageOn = (stage: string) => s.stages.find((x) => x.stage === stage)?.on;

  return (
    <Card
      title={t('rehab.stay.title')}
      extra={
        s.status === 'discharged' ? (
          <Button icon={<PrinterOutlined />} onClick={() => setDialog({ kind: 'print' })}>
            {t('rehab.stay.printCertificate')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={16}>
        <Flex gap={8} align="center" wrap>
          <ToneTag
            tone={s.status === 'absconded' ? 'red' : s.status === 'in_stay' ? 'purple' : 'green'}
            testId="stay-status"
          >
            {labels.stayStatus[s.status]}
          </ToneTag>
          {open ? (
            <Typography.Text>
              {t('rehab.stay.stageNow')}: <strong data-testid="stay-stage">{labels.stayStage[s.stage]}</strong>
            </Typography.Text>
          ) : null}
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 3 }}
          items={[
            { key: 'facility', label: t('rehab.stay.facility'), children: props.facilityName },
            { key: 'admitted', label: t('rehab.stay.admittedOn'), children: formatDate(s.admittedOn) },
            {
              key: 'term',
              label: t('rehab.stay.term'),
              children: s.termMonths ? t('rehab.decision.months', { count: s.termMonths }) : '—',
            },
            {
              key: 'planned',
              label: t('rehab.stay.planned'),
              children:
                open && s.plannedDischargeOn ? (
                  <DaysLeftTag deadline={s.plannedDischargeOn} daysLeft={s.daysLeft} withDate />
                ) : (
                  formatDate(s.plannedDischargeOn) || '—'
                ),
            },
            ...(s.dischargedOn
              ? [
                  { key: 'discharged', label: t('rehab.stay.dischargedOn'), children: formatDate(s.dischargedOn) },
                  { key: 'certificate', label: t('rehab.stay.certificate'), children: s.certificateNumber ?? '—' },
                ]
              : []),
          ]}
        />
        <Steps
          size="small"
          current={stageIndex}
          status={s.status === 'absconded' ? 'error' : open ? 'process' : 'finish'}
          items={STAY_STAGE_LIST.map((st) => ({
            title: labels.stayStage[st],
            description: stageOn(st) ? formatDate(stageOn(st)) : undefined,
          }))}
          responsive
        />
        {s.incidents.length ? (
          <div>
            <Typography.Text strong>{t('rehab.stay.incidents')}</Typography.Text>
            <ul className="rehab-incidents" data-testid="stay-incidents">
              {s.incidents.map((i, n) => (
                <li key={`${i.kind}-${i.on}-${n}`}>
                  {formatDate(i.on)} — {labels.stayIncident[i.kind]}
                  {i.note ? `: ${i.note}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {can.write && open ? (
          <Flex gap={8} wrap>
            {s.status === 'in_stay' ? (
              <>
                <Button type="primary" onClick={() => setDialog({ kind: 'stage' })}>
                  {t('rehab.stay.moveStage')}
                </Button>
                <Button onClick={() => setDialog({ kind: 'incident', incident: 'violation' })}>
                  {t('rehab.stay.violation')}
                </Button>
                <Button danger onClick={() => setDialog({ kind: 'incident', incident: 'absconded' })}>
                  {t('rehab.stay.absconded')}
                </Button>
                <Button onClick={() => setDialog({ kind: 'discharge' })}>{t('rehab.stay.discharge')}</Button>
              </>
            ) : (
              <Button type="primary" onClick={() => setDialog({ kind: 'incident', incident: 'returned' })}>
                {t('rehab.stay.returned')}
              </Button>
            )}
          </Flex>
        ) : null}
      </Flex>
      {dialog?.kind === 'stage' ? (
        <StageModal
          stay={s}
          name={props.name}
          onClose={() => setDialog(null)}
          onDone={(n) => done(n, t('rehab.stage.done', { stage: labels.stayStage[n.stage] }))}
        />
      ) : null}
      {dialog?.kind === 'incident' ? (
        <IncidentModal
          stay={s}
          name={props.name}
          kind={dialog.incident}
          onClose={() => setDialog(null)}
          onDone={(n) => done(n, t('rehab.incident.done', { kind: labels.stayIncident[dialog.incident] }))}
        />
      ) : null}
      {dialog?.kind === 'discharge' ? (
        <DischargeModal
          stay={s}
          name={props.name}
          onClose={() => setDialog(null)}
          onDone={(n) => done(n, t('rehab.discharge.done'))}
        />
      ) : null}
      {dialog?.kind === 'print' ? (
        <PrintPreviewModal
          title={t('rehab.print.certificateTitle', { name: props.name })}
          intro={t('rehab.print.certificateIntro')}
          frameTitle={t('rehab.print.certificateFrame')}
          print={(purpose) => api.invoke('stays.printCertificate', { stayId: s.id, purpose })}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </Card>
  );
}
