import { ArrowLeftOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Skeleton } from 'antd';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StayView } from '../../../../../shared/contract/rehab-types';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { PageHeader } from '../../../components/PageHeader';
import { formatDate } from '../../../i18n/dates';
import { CategoryTag } from '../../persons/CategoryTag';
import { placeName, usePersonLabels } from '../../persons/labels';
import { useReloadOn } from '../../persons/useReloadOn';
import { useRehabNavigation, useRehabScreenActive } from '../rehab-navigation';
import { StayCard } from './StayCard';

/** A resident's stay, opened from the roster: the identity a centre needs and the stay with its moves. */
export function StayPage({ stayId }: { stayId: string }) {
  const { t } = useTranslation();
  const nav = useRehabNavigation();
  const personLabels = usePersonLabels();
  const errorText = useErrorText();
  const stay = useProcedure('stays.get', { stayId });
  const facilities = useProcedure('facilities.list', {});
  const fresh = useRef(false);
  const reloadUnlessFresh = useCallback(() => {
    if (fresh.current) fresh.current = false;
    else stay.reload();
  }, [stay]);
  useReloadOn(nav.version, reloadUnlessFresh, useRehabScreenActive());

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={nav.back}>
      {t('rehab.back')}
    </Button>
  );
  if (stay.error) {
    return (
      <>
        <PageHeader title={t('rehab.stay.title')} extra={back} />
        <Alert type="error" showIcon title={errorText(stay.error)} />
      </>
    );
  }
  if (!stay.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const s = stay.data;
  const p = s.person;
  const name = p?.fullName ?? '';
  const changed = (next: StayView) => {
    // The stay's answer lacks nothing this screen shows, but the person's category moved: read once more.
    stay.replace({ ...next, person: next.person ?? p });
    nav.changed();
  };
  return (
    <>
      <PageHeader
        title={name}
        description={t('rehab.stay.subtitle')}
        extra={
          <>
            {back}
            {s.referralId ? (
              <Button
                icon={<FileTextOutlined />}
                onClick={() => nav.open({ kind: 'referral', referralId: s.referralId! })}
              >
                {t('rehab.stay.openReferral')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={20}>
        {p ? (
          <Card title={t('rehab.stay.person')}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 4 }}
              items={[
                {
                  key: 'birth',
                  label: t('rehab.dossier.birth'),
                  children: `${formatDate(p.birthDate)} · ${personLabels.sex[p.sex]}`,
                },
                { key: 'cid', label: t('rehab.dossier.citizenId'), children: p.citizenId ?? '—' },
                {
                  key: 'commune',
                  label: t('rehab.dossier.commune'),
                  children: placeName(p.communeCode, p.provinceCode),
                },
                {
                  key: 'category',
                  label: t('rehab.dossier.category'),
                  children: (
                    <span data-testid="person-category">
                      <CategoryTag category={p.category} />
                    </span>
                  ),
                },
              ]}
            />
          </Card>
        ) : null}
        <StayCard
          stay={s}
          name={name}
          facilityName={facilities.data?.find((f) => f.id === s.facilityId)?.name ?? ''}
          onChanged={changed}
        />
      </Flex>
    </>
  );
}
