import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeizureTotals, SeizureView } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { formatDate } from '../../i18n/dates';
import { useInvestigationLabels } from './labels';
import { SeizureModal } from './SeizureModal';

/** Totals per substance and unit, exhibits per kind: a tip carries no totals of its own, so they are added here. */
export function totalsOf(seizures: readonly SeizureView[]): SeizureTotals {
  const substances = new Map<string, SeizureTotals['substances'][number]>();
  const exhibits = new Map<string, SeizureTotals['exhibits'][number]>();
  for (const s of seizures) {
    if (s.kind === 'substance' && s.substance && s.unit && s.quantity !== null) {
      const key = `${s.substance}/${s.unit}`;
      const t = substances.get(key) ?? { substance: s.substance, unit: s.unit, quantity: 0 };
      t.quantity = Math.round((t.quantity + s.quantity) * 1000) / 1000;
      substances.set(key, t);
    } else if (s.kind === 'exhibit' && s.exhibit && s.count !== null) {
      const t = exhibits.get(s.exhibit) ?? { exhibit: s.exhibit, count: 0 };
      t.count += s.count;
      exhibits.set(s.exhibit, t);
    }
  }
  return { substances: [...substances.values()], exhibits: [...exhibits.values()] };
}

/**
 * What was seized on a case or a tip: each substance with its quantity in a unit that fits it, each exhibit
 * with its count, and the totals — per substance and unit, never added across units.
 */
export function SeizuresCard(props: {
  owner: { caseId: string } | { tipId: string };
  seizures: readonly SeizureView[];
  totals: SeizureTotals;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const labels = useInvestigationLabels();
  const [adding, setAdding] = useState(false);

  const remove = (s: SeizureView) =>
    void modal.confirm({
      title: t('investigations.seizure.removeTitle'),
      content: t('investigations.seizure.removeBody'),
      okText: t('investigations.seizure.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        const r = await api.invoke('seizures.remove', { seizureId: s.id });
        if (!r.ok) void message.error(errorText(r.error));
        else props.onChanged();
      },
    });

  const what = (s: SeizureView) =>
    s.kind === 'substance' && s.substance ? labels.substance[s.substance] : s.exhibit ? labels.exhibit[s.exhibit] : '';
  const amount = (s: SeizureView) =>
    s.kind === 'substance' && s.quantity !== null && s.unit
      ? labels.quantity(s.quantity, s.unit)
      : labels.count(s.count ?? 0);

  return (
    <Card
      title={t('investigations.seizure.title')}
      extra={
        props.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('investigations.seizure.add')}
          </Button>
        ) : null
      }
    >
      {props.seizures.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('investigations.seizure.none')} />
      ) : (
        <Flex vertical gap={16}>
          <Table<SeizureView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={[...props.seizures]}
            aria-label={t('investigations.seizure.title')}
            columns={[
              { title: t('investigations.seizure.seizedOn'), dataIndex: 'seizedOn', width: 110, render: formatDate },
              { title: t('investigations.seizure.what'), key: 'what', render: (_, s) => what(s) },
              {
                title: t('investigations.seizure.amount'),
                key: 'amount',
                align: 'right',
                render: (_, s) => <span className="inv-mono">{amount(s)}</span>,
              },
              {
                title: t('investigations.seizure.description'),
                dataIndex: 'description',
                ellipsis: true,
                render: (v: string | null) => v ?? '',
              },
              ...(props.canWrite
                ? [
                    {
                      title: <span className="inv-sr-only">{t('common.actions')}</span>,
                      key: 'remove',
                      width: 56,
                      render: (_: unknown, s: SeizureView) => (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('investigations.seizure.removeOne', { what: what(s) })}
                          onClick={() => remove(s)}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <div>
            <Typography.Text strong>{t('investigations.seizure.totals')}</Typography.Text>
            <div className="inv-totals" data-testid="seizure-totals">
              {props.totals.substances.map((x) => (
                <Tag key={`${x.substance}/${x.unit}`} color="blue">
                  {labels.substance[x.substance]}: {labels.quantity(x.quantity, x.unit)}
                </Tag>
              ))}
              {props.totals.exhibits.map((x) => (
                <Tag key={x.exhibit}>
                  {labels.exhibit[x.exhibit]}: {labels.count(x.count)}
                </Tag>
              ))}
            </div>
          </div>
        </Flex>
      )}
      {adding ? (
        <SeizureModal
          owner={props.owner}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            props.onChanged();
          }}
        />
      ) : null}
    </Card>
  );
}
