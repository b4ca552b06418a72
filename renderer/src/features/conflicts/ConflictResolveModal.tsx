import { Alert, Descriptions, Input, Modal, Radio, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictVersion, ConflictView } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { formatDateTime } from '../../i18n/dates';
import { tableLabel } from '../exchange/exchange-labels';
import { usePersonLabels, type PersonVocabulary } from '../persons/labels';

type Choice = 'current' | 'other' | 'value';

/** A stored value as a person reads it: labels for coded fields, lists joined, "(trống)" for nothing. */
export function conflictValueText(field: string, value: unknown, labels: PersonVocabulary, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value !== 'string') return String(value);
  if (value.startsWith('[')) {
    try {
      const list = JSON.parse(value) as unknown[];
      return list.length ? list.map(String).join(', ') : empty;
    } catch {
      return value;
    }
  }
  if (field === 'sex') return labels.sex[value as 'male' | 'female'] ?? value;
  if (field === 'ethnicity') return labels.ethnicity(value);
  if (field === 'education') return labels.education(value);
  if (field === 'occupation') return labels.occupation(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value.split('-').reverse().join('/');
  return value;
}

/** A version's value: a file (photo, scan) shown as the picture it is, or named; anything else as text. */
function VersionValue(props: { c: ConflictView; value: unknown; labels: PersonVocabulary }) {
  const { t } = useTranslation();
  const empty = t('conflicts.empty');
  if (!props.c.attachment) return <strong>{conflictValueText(props.c.field, props.value, props.labels, empty)}</strong>;
  if (typeof props.value !== 'string' || !props.value) return <strong>{empty}</strong>;
  if (/^data:image\/(jpeg|png|webp);base64,/.test(props.value))
    return (
      <img
        src={props.value}
        alt={t('conflicts.attachmentImage')}
        style={{ maxHeight: 140, maxWidth: 200, objectFit: 'contain', border: '1px solid #d9d9d9', borderRadius: 4 }}
      />
    );
  return <strong>{t('conflicts.attachmentFile')}</strong>;
}

/** The field in words ("Nghề nghiệp"): the persons' field names, else the conflicts' own, else the column. */
export function conflictFieldLabel(t: TFunction, field: string): string {
  return t(`persons.fields.${field}`, { defaultValue: t(`conflicts.fields.${field}`, { defaultValue: field }) });
}

/** The record in words: its kind ("Hồ sơ đối tượng") and what names it, where the reader may see it. */
export function conflictRecordLabel(t: TFunction, c: ConflictView): string {
  const kind = tableLabel(t, c.tableName);
  return c.title ? t('conflicts.record', { kind, title: c.title }) : kind;
}

/** Who wrote a version and when: an account here, a peer station, or a station this one does not know. */
export function conflictAuthor(t: TFunction, v: ConflictVersion): string {
  return t('conflicts.by', {
    who: v.username ?? v.station ?? t('conflicts.otherWorkstation', { id: (v.workstationId ?? '').slice(0, 8) }),
    at: formatDateTime(v.at),
  });
}

/** A conflict by what it is about (its number is its row's, and changes when its record's conflicts are rewritten). */
const keyOf = (c: ConflictView) => `${c.tableName}:${c.recordId}:${c.field}`;

/**
 * One conflict at a time, oldest first: the value in the record and the other workstation's, who wrote each
 * and when; the leader keeps one or types the right value. Each resolution is audited by the host.
 *
 * The dialog goes through the conflicts it opened with, by record and field. After each decision it asks the
 * host again (`recordId`: the same record's only), since the host writes a record's remaining conflicts again
 * with new numbers; a conflict that changed meanwhile is refused by the host and shown again as it now is.
 */
export function ConflictResolveModal(props: {
  conflicts: ConflictView[];
  recordId?: string;
  onClose: () => void;
  onResolved: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = usePersonLabels();
  const errorText = useErrorText();
  const [keys] = useState(() => [...new Set(props.conflicts.map(keyOf))]);
  const [items, setItems] = useState(props.conflicts);
  const [choice, setChoice] = useState<Choice>('current');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const c = items[0];
  if (!c) return null;
  const left = new Set(items.map(keyOf)).size;

  /** The conflicts of the opening list still open, as the host now numbers them; closes when none is left. */
  const refresh = async (): Promise<boolean> => {
    const r = await api.invoke('conflicts.list', {
      ...(props.recordId ? { recordId: props.recordId } : {}),
      limit: 500,
    });
    const open = r.ok ? r.value.filter((x) => keys.includes(keyOf(x))) : [];
    open.sort((a, b) => keys.indexOf(keyOf(a)) - keys.indexOf(keyOf(b)));
    setChoice('current');
    setValue('');
    if (!open.length) {
      props.onClose();
      return false;
    }
    setItems(open);
    return true;
  };
  const fieldLabel = conflictFieldLabel(t, c.field);
  const who = (v: ConflictVersion) => conflictAuthor(t, v);

  const submit = async () => {
    if (choice === 'value' && !value.trim()) {
      setProblem(t('validation.required'));
      return;
    }
    setSaving(true);
    const r = await api.invoke('conflicts.resolve', {
      conflictId: c.id,
      recordId: c.recordId,
      field: c.field,
      choice,
      ...(choice === 'value' ? { value: value.trim() } : {}),
    });
    if (!r.ok) {
      const changed = r.error.code === 'NOT_FOUND' || r.error.issues?.some((i) => i.code === 'conflict_changed');
      // Settled or rewritten meanwhile (another leader, an import): shown again as it now is, if still open.
      if (changed && (await refresh())) setProblem(t('conflicts.changed'));
      else if (!changed) setProblem(errorText(r.error));
      setSaving(false);
      return;
    }
    props.onResolved();
    await refresh();
    setProblem(null);
    setSaving(false);
  };

  return (
    <Modal
      open
      title={t('conflicts.title', { n: keys.length - left + 1, total: keys.length })}
      okText={t('conflicts.resolve')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={props.onClose}
      confirmLoading={saving}
      maskClosable={false}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="conflict-record">
        <strong>{conflictRecordLabel(t, c)}</strong>
      </Typography.Paragraph>
      <Typography.Paragraph>{t('conflicts.field', { field: fieldLabel })}</Typography.Paragraph>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Radio.Group
        value={choice}
        onChange={(e) => {
          setChoice(e.target.value as Choice);
          setProblem(null);
        }}
        aria-label={t('conflicts.choose')}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio value="current">
            <Descriptions size="small" column={1} colon={false}>
              <Descriptions.Item label={t('conflicts.keepCurrent')}>
                <VersionValue c={c} value={c.current.value} labels={labels} />
              </Descriptions.Item>
              <Descriptions.Item label=" ">{who(c.current)}</Descriptions.Item>
            </Descriptions>
          </Radio>
          <Radio value="other">
            <Descriptions size="small" column={1} colon={false}>
              <Descriptions.Item label={t('conflicts.takeOther')}>
                <VersionValue c={c} value={c.other.value} labels={labels} />
              </Descriptions.Item>
              <Descriptions.Item label=" ">{who(c.other)}</Descriptions.Item>
            </Descriptions>
          </Radio>
          {c.attachment ? null : <Radio value="value">{t('conflicts.typeValue')}</Radio>}
        </Space>
      </Radio.Group>
      {choice === 'value' ? (
        <Input
          autoFocus
          aria-label={t('conflicts.newValue')}
          value={value}
          maxLength={2000}
          onChange={(e) => setValue(e.target.value)}
          onPressEnter={() => void submit()}
          style={{ marginTop: 12 }}
        />
      ) : null}
    </Modal>
  );
}

/**
 * The dialog over a list of conflicts as it was when opened (reloading the list under it would skip one): `open`
 * shows it, `dialog` is what to render, `onClosed` runs when it closes (reload the list there).
 */
export function useResolveDialog(onClosed: () => void, onResolved: () => void = () => undefined, recordId?: string) {
  const [conflicts, setConflicts] = useState<ConflictView[] | null>(null);
  const dialog = conflicts ? (
    <ConflictResolveModal
      conflicts={conflicts}
      recordId={recordId}
      onClose={() => {
        setConflicts(null);
        onClosed();
      }}
      onResolved={onResolved}
    />
  ) : null;
  return { open: setConflicts, dialog };
}
