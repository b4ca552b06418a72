import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Flex, Form, Input, Modal, Select, Typography, Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PEER_KINDS,
  POLICY_NAMES,
  type PeerKind,
  type PeerView,
  type PolicyName,
} from '../../../../shared/contract/exchange';
import type { ApiError } from '../../../../shared/domain/errors';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';

/** What the screen reads of a card before the host checks it: enough to show whose card it is. */
interface CardPeek {
  text: string;
  fileName: string;
  id: string;
  name: string;
  unitCode: string | null;
  /** The rehab centre a police station wrote its card for (the centre's own facility). */
  facility: { id: string; code: string; name: string } | null;
}

function peekCard(text: string, fileName: string): CardPeek | null {
  try {
    const c = JSON.parse(text) as {
      format?: unknown;
      id?: unknown;
      name?: unknown;
      unit?: { code?: unknown } | null;
      facility?: { id?: unknown; code?: unknown; name?: unknown };
    };
    if (c.format !== 'hoso-station-card/1' || typeof c.id !== 'string' || typeof c.name !== 'string') return null;
    const f = c.facility;
    const facility =
      typeof f?.id === 'string' && typeof f.code === 'string' && typeof f.name === 'string'
        ? { id: f.id, code: f.code, name: f.name }
        : null;
    const unitCode = typeof c.unit?.code === 'string' ? c.unit.code : null;
    return { text, fileName, id: c.id, name: c.name, unitCode, facility };
  } catch {
    return null;
  }
}

/** The policy a kind of peer usually takes (the administrator may choose another). */
const DEFAULT_POLICY: Record<PeerKind, PolicyName> = {
  hub: 'commune-to-hub',
  commune: 'hub-to-commune',
  rehab: 'police-to-rehab',
  province: 'neighbour',
  partner: 'neighbour',
};

/**
 * Adds a peer from its card file (or, with `replacing`, gives a known peer its new keys): the card shows whose it
 * is, and the administrator must type the fingerprint they were told; the host refuses a mismatch.
 */
export function PeerCardModal(props: { replacing?: PeerView; onClose: () => void; onDone: (p: PeerView) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const fileRef = useRef<HTMLInputElement>(null);
  const [card, setCard] = useState<CardPeek | null>(null);
  const [cardError, setCardError] = useState<string | null>(null);
  const [kind, setKind] = useState<PeerKind>(props.replacing?.kind ?? 'hub');
  const [policy, setPolicy] = useState<PolicyName>(DEFAULT_POLICY[props.replacing?.kind ?? 'hub']);
  const [facilityId, setFacilityId] = useState<string | undefined>(undefined);
  const [fingerprint, setFingerprint] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const facilities = useProcedure('facilities.list', {});
  const needsFacility = policy === 'police-to-rehab' || policy === 'rehab-to-police';

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const text = file.size <= 16_384 ? await file.text() : '';
    const peek = peekCard(text, file.name);
    setCard(peek);
    setCardError(peek ? null : t('exchange.add.cardUnreadable'));
    // A card the police wrote for this centre: the police are its hub, and the card names the centre's facility.
    if (peek?.facility && !props.replacing) {
      setKind('hub');
      setPolicy('rehab-to-police');
      setFacilityId(peek.facility.id);
    }
  };
  // The facilities to choose from: this station's, and the one a card names when it is not here yet.
  const cardFacility = card?.facility ?? null;
  const facilityOptions = [
    ...(facilities.data ?? []).map((f) => ({ value: f.id, label: `${f.name} (${f.code})` })),
    ...(cardFacility && !(facilities.data ?? []).some((f) => f.id === cardFacility.id)
      ? [{ value: cardFacility.id, label: `${cardFacility.name} (${cardFacility.code})` }]
      : []),
  ];
  const facilityHint =
    policy === 'rehab-to-police'
      ? cardFacility && facilityId === cardFacility.id
        ? t('exchange.add.facilityFromCard', { name: cardFacility.name, code: cardFacility.code })
        : t('exchange.add.ownFacilityHint')
      : t('exchange.add.facilityHint');

  const issue = (field: string) => error?.issues?.find((i) => i.path === field || i.path.startsWith(`${field}.`));
  const fieldHelp = (field: string): string | null => {
    if (field === 'fingerprint' && error?.code === 'FINGERPRINT_MISMATCH') return t('exchange.add.mismatch');
    if (field === 'card' && error?.code === 'PEER_CARD_INVALID') return errorText(error);
    const i = issue(field);
    return i ? t(`validation.${i.code}`) : null;
  };
  const fieldError = (field: string) => fieldHelp(field) !== null;
  const placed = ['fingerprint', 'card', 'facilityId', 'kind', 'policy'].some(fieldError);

  const submit = async () => {
    if (!card) {
      setCardError(t('validation.required'));
      return;
    }
    setBusy(true);
    const r = props.replacing
      ? await api.invoke('peers.replaceKeys', { peerId: props.replacing.id, card: card.text, fingerprint })
      : await api.invoke('peers.add', {
          card: card.text,
          kind,
          policy,
          fingerprint,
          ...(needsFacility && facilityId ? { facilityId } : {}),
        });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    props.onDone(r.value);
  };

  const cardHelp = cardError ?? fieldHelp('card');
  return (
    <Modal
      open
      title={props.replacing ? t('exchange.add.replaceTitle', { name: props.replacing.name }) : t('exchange.add.title')}
      okText={props.replacing ? t('exchange.add.replaceSubmit') : t('exchange.add.submit')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={620}
    >
      {props.replacing ? (
        <Typography.Paragraph type="secondary">{t('exchange.add.replaceIntro')}</Typography.Paragraph>
      ) : null}
      {error && !placed ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical" onFinish={() => void submit()} aria-label={t('exchange.add.title')}>
        <Form.Item
          htmlFor="peer-card"
          label={t('exchange.add.card')}
          required
          validateStatus={cardHelp ? 'error' : undefined}
          help={cardHelp ?? t('exchange.add.cardHint')}
        >
          <Flex gap={8} align="center" wrap>
            <input
              ref={fileRef}
              id="peer-card"
              type="file"
              accept=".json,application/json"
              className="exchange-file-input"
              style={{ display: 'none' }}
              aria-label={t('exchange.add.card')}
              onChange={(e) => {
                void choose(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <Button icon={<PaperClipOutlined />} onClick={() => fileRef.current?.click()}>
              {t('exchange.add.chooseCard')}
            </Button>
            {card ? <Typography.Text type="secondary">{card.fileName}</Typography.Text> : null}
          </Flex>
        </Form.Item>
        {card ? (
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ marginBottom: 16 }}
            data-testid="peer-card-peek"
            items={[
              {
                key: 'name',
                label: t('exchange.add.cardOf'),
                children: (
                  <>
                    <Typography.Text strong>{card.name}</Typography.Text>
                    {card.unitCode ? (
                      <Typography.Text type="secondary">
                        {' '}
                        · {t('exchange.add.cardUnit', { code: card.unitCode })}
                      </Typography.Text>
                    ) : null}
                    {card.facility ? (
                      <Typography.Text type="secondary">
                        {' '}
                        · {t('exchange.add.cardFacility', { name: card.facility.name, code: card.facility.code })}
                      </Typography.Text>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        ) : null}
        {props.replacing ? null : (
          <>
            <Form.Item htmlFor="peer-kind" label={t('exchange.add.kind')} required>
              <Select
                id="peer-kind"
                value={kind}
                onChange={(k: PeerKind) => {
                  setKind(k);
                  setPolicy(DEFAULT_POLICY[k]);
                }}
                options={PEER_KINDS.map((k) => ({ value: k, label: t(`exchange.kinds.${k}`) }))}
              />
            </Form.Item>
            <Form.Item
              htmlFor="peer-policy"
              label={t('exchange.add.policy')}
              required
              validateStatus={fieldError('policy') ? 'error' : undefined}
              help={fieldHelp('policy') ?? undefined}
            >
              <Select
                id="peer-policy"
                value={policy}
                onChange={(p: PolicyName) => setPolicy(p)}
                options={POLICY_NAMES.map((p) => ({ value: p, label: t(`exchange.policies.${p}`) }))}
              />
            </Form.Item>
            {needsFacility ? (
              <Form.Item
                htmlFor="peer-facility"
                label={t('exchange.add.facility')}
                required
                validateStatus={fieldError('facilityId') ? 'error' : undefined}
                help={fieldHelp('facilityId') ?? facilityHint}
              >
                <Select
                  id="peer-facility"
                  value={facilityId}
                  onChange={(v: string) => setFacilityId(v)}
                  loading={facilities.loading}
                  options={facilityOptions}
                />
              </Form.Item>
            ) : null}
          </>
        )}
        <Form.Item
          htmlFor="peer-fingerprint"
          label={t('exchange.add.fingerprint')}
          required
          validateStatus={fieldError('fingerprint') ? 'error' : undefined}
          help={fieldHelp('fingerprint') ?? t('exchange.add.fingerprintHint')}
        >
          <Input
            id="peer-fingerprint"
            value={fingerprint}
            onChange={(e) => setFingerprint(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            className="exchange-mono"
            style={{ fontSize: 18, letterSpacing: '0.08em' }}
            placeholder="XXXX-XXXX-XXXX-XXXX"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
