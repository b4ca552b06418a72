import { CalendarOutlined, DownOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Descriptions, Dropdown, Flex, List, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measure, PersonFile } from '../../../../../shared/contract';
import type { MeasureStatus } from '../../../../../shared/domain/persons';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { formatDate } from '../../../i18n/dates';
import { requestRehabEnd, useManagedMeasure } from '../../rehab/person/managed-measures';
import { usePersonLabels } from '../labels';
import { AddMeasureModal } from './AddMeasureModal';
import { CheckInModal } from './CheckInModal';
import { useReopenedDialog } from './dialog-draft';

const STATUS_BADGE: Record<MeasureStatus, 'processing' | 'success' | 'warning'> = {
  active: 'processing',
  completed: 'success',
  interrupted: 'warning',
};

function MeasureItem(props: {
  measure: Measure;
  canWrite: boolean;
  onCheckIn: () => void;
  onChanged: (file: PersonFile) => void;
}) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const api = useApi();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const m = props.measure;
  // A measure a running rehab record keeps (voluntary rehab, methadone, a stay) ends with that record, on the
  // rehab card: ending it here would leave the record running.
  const managed = useManagedMeasure(m.personId, m.id);
  const save = async (status: MeasureStatus) => {
    const r = await api.invoke('persons.updateMeasure', { measureId: m.id, status });
    if (!r.ok) return void message.error(errorText(r.error));
    void message.success(t('persons.measure.statusChanged', { status: labels.measureStatus[status] }));
    props.onChanged(r.value.file);
  };
  // Ending a measure changes the category and stops check-ins: one menu click is not enough for that.
  const setStatus = (status: MeasureStatus) =>
    modal.confirm({
      title: t('persons.measure.confirmEnd', {
        kind: labels.measureKind[m.kind],
        status: labels.measureStatus[status],
      }),
      okText: t(`persons.measure.mark.${status}`),
      cancelText: t('common.cancel'),
      onOk: () => save(status),
    });
  return (
    <List.Item className="persons-measure" data-testid="measure-item">
      <Flex vertical gap={8} style={{ width: '100%' }}>
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Typography.Text strong>{labels.measureKind[m.kind]}</Typography.Text>
          <Flex gap={8} align="center">
            <Badge status={STATUS_BADGE[m.status]} text={labels.measureStatus[m.status]} />
            {props.canWrite && m.status === 'active' ? (
              <>
                <Button size="small" icon={<CalendarOutlined />} onClick={props.onCheckIn}>
                  {t('persons.checkIn.add')}
                </Button>
                {managed ? (
                  <Tooltip title={t('rehab.person.measureEndHint')}>
                    <Button size="small" data-testid="measure-end-rehab" onClick={() => requestRehabEnd(managed)}>
                      {t('rehab.person.measureEnd')}
                    </Button>
                  </Tooltip>
                ) : (
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: (['completed', 'interrupted'] as const).map((s) => ({
                        key: s,
                        label: t(`persons.measure.mark.${s}`),
                      })),
                      onClick: (e) => setStatus(e.key as MeasureStatus),
                    }}
                  >
                    <Button size="small">
                      {t('persons.measure.end')} <DownOutlined />
                    </Button>
                  </Dropdown>
                )}
              </>
            ) : null}
          </Flex>
        </Flex>
        <Descriptions
          size="small"
          layout="vertical"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'decision',
              label: t('persons.measure.decision'),
              children: `${m.decisionNumber} (${formatDate(m.decisionDate)})`,
            },
            { key: 'authority', label: t('persons.measure.authority'), children: m.authority },
            { key: 'officer', label: t('persons.measure.officer'), children: m.officer ?? '—' },
            { key: 'start', label: t('persons.measure.startDate'), children: formatDate(m.startDate) },
            {
              key: 'end',
              label: t('persons.measure.endDate'),
              children: m.endDate ? (
                <span data-testid="measure-end">{formatDate(m.endDate)}</span>
              ) : (
                t('persons.measure.openEnded')
              ),
            },
            ...(m.notes ? [{ key: 'notes', label: t('persons.measure.notes'), children: m.notes }] : []),
          ]}
        />
        {m.checkIns.length ? (
          <div>
            <Typography.Text type="secondary">
              {t('persons.checkIn.list', { count: m.checkIns.length })}
            </Typography.Text>
            <ul className="persons-checkins">
              {m.checkIns.map((c) => (
                <li key={c.id}>
                  <Typography.Text strong>{formatDate(c.date)}</Typography.Text> — {c.note}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Flex>
    </List.Item>
  );
}

/** Management measures with their decisions, computed end dates, status and check-ins. */
export function MeasuresCard(props: {
  personId: string;
  measures: readonly Measure[];
  canWrite: boolean;
  onChanged: (file: PersonFile) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // After an unlock, the measure or check-in dialog whose draft was left open opens again.
  const reopenedMeasure = useReopenedDialog('measure', props.personId);
  const reopenedCheckIn = useReopenedDialog('checkIn', props.personId);
  const [adding, setAdding] = useState(() => reopenedMeasure !== null);
  const [checkIn, setCheckIn] = useState<Measure | null>(
    () => props.measures.find((m) => m.id === reopenedCheckIn) ?? null,
  );
  return (
    <Card
      title={t('persons.measure.title')}
      extra={
        props.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('persons.measure.add')}
          </Button>
        ) : null
      }
    >
      {props.measures.length ? (
        <List
          dataSource={[...props.measures]}
          rowKey="id"
          renderItem={(m) => (
            <MeasureItem
              measure={m}
              canWrite={props.canWrite}
              onCheckIn={() => setCheckIn(m)}
              onChanged={props.onChanged}
            />
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('persons.measure.none')}</Typography.Text>
      )}
      {adding ? (
        <AddMeasureModal
          personId={props.personId}
          onClose={() => setAdding(false)}
          onAdded={({ record: m, file }) => {
            setAdding(false);
            void message.success(
              m.endDate ? t('persons.measure.added', { end: formatDate(m.endDate) }) : t('persons.measure.addedOpen'),
            );
            props.onChanged(file);
          }}
        />
      ) : null}
      {checkIn ? (
        <CheckInModal
          measure={checkIn}
          onClose={() => setCheckIn(null)}
          onAdded={({ file }) => {
            setCheckIn(null);
            void message.success(t('persons.checkIn.added'));
            props.onChanged(file);
          }}
        />
      ) : null}
    </Card>
  );
}
