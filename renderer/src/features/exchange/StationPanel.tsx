import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { fingerprintGroups } from './exchange-labels';

/** Hands the browser (or Electron's save dialog) a file to keep: the public card, never a secret. */
function saveText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A fingerprint large and grouped, to be read over the phone. */
export function Fingerprint({ value, size = 'large' }: { value: string; size?: 'large' | 'small' }) {
  return (
    <span className={`exchange-fingerprint exchange-fingerprint-${size}`} data-testid="fingerprint">
      {fingerprintGroups(value).map((g, i) => (
        <span key={i} className="exchange-fingerprint-group">
          {g}
        </span>
      ))}
    </span>
  );
}

/** This station: its name, unit, fingerprint and age recipient, and the card an administrator hands to a peer. */
export function StationPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const station = useProcedure('station.show', {});
  // The police's station writes its card for a rehab centre naming the centre's facility (a centre's new station
  // has no facilities to choose from until the police's first bundle).
  const facilities = useProcedure('facilities.list', {});
  const [cardFor, setCardFor] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const saveCard = async () => {
    setSaving(true);
    const r = await api.invoke('station.card', cardFor ? { facilityId: cardFor } : {});
    setSaving(false);
    if (!r.ok) {
      void message.error(errorText(r.error));
      return;
    }
    saveText(r.value.fileName, r.value.card);
    void message.success(t('exchange.station.cardSaved', { file: r.value.fileName }));
  };

  if (station.error) return <Alert type="error" showIcon title={errorText(station.error)} />;
  if (!station.data) return <Spin />;
  const s = station.data;
  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('exchange.station.intro')}</Typography.Paragraph>
      <Flex vertical align="flex-start" gap={4} style={{ marginBottom: 20 }}>
        <Typography.Text strong>{t('exchange.station.fingerprint')}</Typography.Text>
        <Fingerprint value={s.fingerprint} />
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 200 } }}
        items={[
          { key: 'name', label: t('exchange.station.name'), children: s.name },
          {
            key: 'unit',
            label: t('exchange.station.unit'),
            children: s.unit ? `${s.unit.name} (${s.unit.code})` : t('exchange.station.noUnit'),
          },
          {
            key: 'age',
            label: t('exchange.station.ageRecipient'),
            children: (
              <Typography.Text copyable className="exchange-mono">
                {s.ageRecipient}
              </Typography.Text>
            ),
          },
          {
            key: 'id',
            label: t('exchange.station.id'),
            children: <Typography.Text className="exchange-mono">{s.id}</Typography.Text>,
          },
        ]}
      />
      {canManage ? (
        <Flex vertical gap={6} style={{ marginTop: 20 }}>
          {facilities.data?.length ? (
            <Flex vertical gap={4} style={{ maxWidth: 560, marginBottom: 8 }}>
              <label htmlFor="station-card-for">
                <Typography.Text strong>{t('exchange.station.cardFor')}</Typography.Text>
              </label>
              <Select
                id="station-card-for"
                value={cardFor}
                onChange={(v: string | undefined) => setCardFor(v)}
                allowClear
                placeholder={t('exchange.station.cardForNone')}
                options={facilities.data.map((f) => ({ value: f.id, label: `${f.name} (${f.code})` }))}
              />
              <Typography.Text type="secondary">{t('exchange.station.cardForHint')}</Typography.Text>
            </Flex>
          ) : null}
          <div>
            <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void saveCard()}>
              {t('exchange.station.saveCard')}
            </Button>
          </div>
          <Typography.Text type="secondary">{t('exchange.station.saveCardHint')}</Typography.Text>
        </Flex>
      ) : null}
    </Card>
  );
}
