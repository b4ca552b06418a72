import { MergeCellsOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Input, List, Modal, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PersonFile, PersonRecord, PersonSummary } from '../../../../../shared/contract';
import type { ApiError } from '../../../../../shared/domain/errors';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { CategoryTag } from '../CategoryTag';
import { formatPartialDate } from '../format';
import { placeName } from '../labels';
import { toSearchInput, NO_FILTERS } from '../list/usePersonSearch';

type Step = { kind: 'choose' } | { kind: 'confirm'; other: PersonSummary } | { kind: 'done'; file: PersonFile };

function describe(
  p: Pick<PersonSummary, 'birthDate' | 'citizenId' | 'communeCode' | 'provinceCode'>,
  t: TFunction,
): string {
  return [
    t('persons.form.bornOn', { date: formatPartialDate(p.birthDate) }),
    p.citizenId ? `${t('persons.fields.citizenIdShort')} ${p.citizenId}` : null,
    placeName(p.communeCode, p.provinceCode) || null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Finds the other file of the same person (by name or CCCD), excluding this one. */
function useCandidates(text: string, excludeId: string) {
  const api = useApi();
  const [state, setState] = useState<{ items: PersonSummary[]; error: ApiError | null; for: string }>({
    items: [],
    error: null,
    for: '',
  });
  useEffect(() => {
    if (!text.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('persons.search', toSearchInput({ ...NO_FILTERS, text }, 30)).then((r) => {
        if (!current) return;
        setState(
          r.ok
            ? { items: r.value.items.filter((p) => p.id !== excludeId), error: null, for: text }
            : { items: [], error: r.error, for: text },
        );
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text, excludeId]);
  return text.trim() && state.for === text ? state : { items: [], error: null, for: text };
}

/**
 * Merging two files of one person (leaders): choose the other file, confirm, see the result. The other
 * file's measures, tests, determinations and names move here; it is marked merged, never deleted.
 */
export function MergeModal(props: { person: PersonRecord; onClose: () => void; onMerged: (file: PersonFile) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [merging, setMerging] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const candidates = useCandidates(text, props.person.id);

  const merge = async (other: PersonSummary) => {
    setMerging(true);
    const r = await api.invoke('persons.merge', { keepId: props.person.id, mergeId: other.id });
    setMerging(false);
    if (!r.ok) return setError(r.error);
    setStep({ kind: 'done', file: r.value });
  };

  const footer =
    step.kind === 'choose'
      ? [
          <Button key="cancel" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>,
        ]
      : step.kind === 'confirm'
        ? [
            <Button key="back" onClick={() => setStep({ kind: 'choose' })}>
              {t('persons.merge.chooseAnother')}
            </Button>,
            <Button
              key="merge"
              type="primary"
              danger
              icon={<MergeCellsOutlined />}
              loading={merging}
              onClick={() => void merge(step.other)}
            >
              {t('persons.merge.confirm')}
            </Button>,
          ]
        : [
            <Button key="close" type="primary" onClick={() => step.kind === 'done' && props.onMerged(step.file)}>
              {t('persons.merge.close')}
            </Button>,
          ];

  return (
    <Modal
      open
      title={t('persons.merge.title')}
      onCancel={step.kind === 'done' ? () => props.onMerged(step.file) : props.onClose}
      footer={footer}
      width={720}
      destroyOnHidden
      maskClosable={false}
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      {step.kind === 'choose' ? (
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('persons.merge.intro', { name: props.person.fullName })}
          </Typography.Paragraph>
          <Input
            autoFocus
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            aria-label={t('persons.merge.search')}
            placeholder={t('persons.merge.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {candidates.error ? <Alert type="error" showIcon title={errorText(candidates.error)} /> : null}
          <List
            size="small"
            aria-label={t('persons.merge.candidates')}
            dataSource={candidates.items}
            locale={{ emptyText: text.trim() ? t('persons.merge.noneFound') : t('persons.merge.typeToSearch') }}
            renderItem={(p) => (
              <List.Item
                actions={[
                  <Button key="choose" size="small" onClick={() => setStep({ kind: 'confirm', other: p })}>
                    {t('persons.merge.choose')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <span>
                      {p.fullName} <CategoryTag category={p.category} />
                    </span>
                  }
                  description={describe(p, t)}
                />
              </List.Item>
            )}
          />
        </Flex>
      ) : null}
      {step.kind === 'confirm' ? (
        <Flex vertical gap={12}>
          <Alert type="warning" showIcon title={t('persons.merge.warning')} />
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              {
                key: 'keep',
                label: t('persons.merge.keep'),
                children: `${props.person.fullName} — ${describe(props.person, t)}`,
              },
              {
                key: 'merge',
                label: t('persons.merge.mergeAway'),
                children: `${step.other.fullName} — ${describe(step.other, t)}`,
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('persons.merge.explain')}
          </Typography.Paragraph>
        </Flex>
      ) : null}
      {step.kind === 'done' ? (
        <Result
          status="success"
          title={t('persons.merge.done')}
          subTitle={t('persons.merge.doneDetail', {
            measures: step.file.measures.length,
            tests: step.file.tests.length,
            determinations: step.file.determinations.length,
          })}
        />
      ) : null}
    </Modal>
  );
}
