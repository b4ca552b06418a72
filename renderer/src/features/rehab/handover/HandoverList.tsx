import { Alert, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandoverItem } from '../../../../../shared/contract/rehab-types';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { formatDate } from '../../../i18n/dates';
import { placeName } from '../../persons/labels';
import { useReloadOn } from '../../persons/useReloadOn';
import { useRehabNavigation, useRehabScreenActive } from '../rehab-navigation';

/**
 * People discharged from a facility and handed back to the commune of residence for post-rehab management
 * (a one-year measure in their file, which the commune's due list follows).
 */
export function HandoverList() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const nav = useRehabNavigation();
  const list = useProcedure('rehab.handovers', {});
  useReloadOn(nav.version, list.reload, useRehabScreenActive());
  const items = list.data ?? [];
  const columns: TableColumnsType<HandoverItem> = [
    {
      key: 'name',
      title: t('rehab.board.person'),
      width: 220,
      render: (_, i) => (
        <Flex vertical>
          <Typography.Text strong>{i.fullName}</Typography.Text>
          <Typography.Text type="secondary" className="rehab-small">
            {formatDate(i.birthDate)}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'commune', title: t('rehab.board.commune'), render: (_, i) => placeName(i.communeCode, null) },
    {
      key: 'facility',
      title: t('rehab.handovers.facility'),
      responsive: ['xl'],
      render: (_, i) => i.facilityName,
    },
    {
      key: 'discharged',
      title: t('rehab.handovers.dischargedOn'),
      width: 130,
      render: (_, i) => formatDate(i.dischargedOn),
    },
    {
      key: 'certificate',
      title: t('rehab.handovers.certificate'),
      width: 140,
      render: (_, i) => i.certificateNumber ?? '—',
    },
    {
      key: 'measure',
      title: t('rehab.handovers.measureEnds'),
      width: 130,
      render: (_, i) =>
        i.measureEndsOn ? (
          formatDate(i.measureEndsOn)
        ) : (
          <Typography.Text type="warning">{t('rehab.handovers.noMeasure')}</Typography.Text>
        ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('rehab.handovers.intro')}
      </Typography.Paragraph>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      <Table<HandoverItem>
        rowKey="stayId"
        size="small"
        aria-label={t('rehab.tabs.handovers')}
        columns={columns}
        dataSource={items}
        loading={list.loading}
        pagination={items.length > 25 ? { pageSize: 25, showSizeChanger: false } : false}
        locale={{ emptyText: <Typography.Text type="secondary">{t('rehab.handovers.empty')}</Typography.Text> }}
      />
    </Flex>
  );
}
