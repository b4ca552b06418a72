import { Card, Col, Descriptions, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../../api/useProcedure';
import { PageHeader } from '../../components/PageHeader';
import { formatNumber } from './format-number';

/** The workstation's technical details, for administrators (moved off home, which says what to do next). */
export function WorkstationPage() {
  const { t } = useTranslation();
  const info = useProcedure('app.info', {});
  return (
    <>
      <PageHeader title={t('workstation.title')} description={t('workstation.description')} />
      {info.data ? (
        <Row gutter={[20, 20]}>
          <Col xs={24}>
            <Card title={t('workstation.counts')}>
              <Row gutter={[16, 16]}>
                {(['accounts', 'units', 'audit_log', 'change_log'] as const).map((k) => (
                  <Col xs={12} md={6} key={k}>
                    <Statistic
                      title={t(`overview.counts.${k}`)}
                      value={info.data?.counts[k] ?? 0}
                      formatter={(v) => formatNumber(Number(v))}
                    />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col xs={24}>
            <Card title={t('workstation.technical')}>
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'ws',
                    label: t('overview.workstationId'),
                    children: <span className="nowrap">{info.data.workstationId}</span>,
                  },
                  { key: 'schema', label: t('overview.schema'), children: info.data.schemaVersion },
                  { key: 'cipher', label: t('overview.cipher'), children: info.data.cipher },
                  { key: 'sqlite', label: t('overview.sqlite'), children: info.data.sqlite },
                ]}
              />
            </Card>
          </Col>
        </Row>
      ) : (
        <Skeleton active paragraph={{ rows: 5 }} />
      )}
    </>
  );
}
