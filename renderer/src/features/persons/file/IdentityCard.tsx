import { UserOutlined } from '@ant-design/icons';
import { Avatar, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonRecord } from '../../../../../shared/contract';
import { missingFields } from '../../../../../shared/persons/missing-fields';
import { useProcedure } from '../../../api/useProcedure';
import { formatPartialDate } from '../format';
import { addressLine, usePersonLabels } from '../labels';

function Photo({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const photo = useProcedure('persons.photo', { personId });
  return photo.data?.photo ? (
    <img src={photo.data.photo} alt={t('persons.form.photoAlt')} className="persons-photo persons-photo-large" />
  ) : (
    <Avatar shape="square" size={132} icon={<UserOutlined />} aria-hidden />
  );
}

/** Identity and residence as names (communes and provinces by name, reference codes by label). */
export function IdentityCard({ person, unitName }: { person: PersonRecord; unitName: string }) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const dash = '—';
  const items = [
    { key: 'otherNames', label: t('persons.fields.otherNames'), children: person.otherNames.join(', ') || dash },
    { key: 'sex', label: t('persons.fields.sex'), children: labels.sex[person.sex] },
    { key: 'birthDate', label: t('persons.fields.birthDate'), children: formatPartialDate(person.birthDate) },
    {
      key: 'citizenId',
      label: t('persons.fields.citizenId'),
      children: person.citizenId ? (
        <Flex vertical gap={4}>
          <span className="persons-mono">{person.citizenId}</span>
          {person.citizenIdWarnings.length ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {person.citizenIdWarnings.map((w) => t(`validation.${w}`)).join(' ')}{' '}
              {person.citizenIdOverrideReason
                ? t('persons.file.overrideReason', { reason: person.citizenIdOverrideReason })
                : ''}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : (
        dash
      ),
    },
    { key: 'ethnicity', label: t('persons.fields.ethnicity'), children: labels.ethnicity(person.ethnicity) || dash },
    { key: 'education', label: t('persons.fields.education'), children: labels.education(person.education) || dash },
    {
      key: 'occupation',
      label: t('persons.fields.occupation'),
      children: labels.occupation(person.occupation) || dash,
    },
    { key: 'familyContact', label: t('persons.fields.familyContact'), children: person.familyContact || dash },
    {
      key: 'permanentAddress',
      label: t('persons.fields.permanentAddress'),
      children: addressLine(person.permanentAddress) || dash,
      span: 'filled' as const,
    },
    {
      key: 'currentAddress',
      label: t('persons.fields.currentAddress'),
      children: addressLine(person.currentAddress) || dash,
      span: 'filled' as const,
    },
    {
      key: 'substances',
      label: t('persons.fields.substances'),
      children: person.substances.length
        ? person.substances.map((s) => <Tag key={s}>{labels.substance[s]}</Tag>)
        : dash,
    },
    {
      key: 'firstUseDate',
      label: t('persons.fields.firstUseDate'),
      children: formatPartialDate(person.firstUseDate) || dash,
    },
    { key: 'unit', label: t('persons.fields.unit'), children: unitName || dash },
  ];
  const missing = missingFields(person);
  return (
    <Card title={t('persons.form.identity')}>
      {missing.length ? (
        // A file saved with what was known says what it still lacks.
        <Typography.Paragraph data-testid="person-missing" className="persons-missing">
          <Typography.Text strong>
            {t('persons.file.missing', { fields: missing.map((f) => t(`persons.missing.${f}`)).join(', ') })}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">{t('persons.file.missingHint')}</Typography.Text>
        </Typography.Paragraph>
      ) : null}
      <Flex gap={24} align="flex-start" wrap>
        {person.hasPhoto ? (
          <Photo personId={person.id} />
        ) : (
          <Avatar shape="square" size={132} icon={<UserOutlined />} aria-hidden />
        )}
        <Descriptions
          style={{ flex: '1 1 480px' }}
          size="small"
          bordered
          // One pair a row below 992 px (a 1024×768 screen at 125 %: 820 px), where three would crush the labels.
          column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
          items={items}
          data-testid="person-identity"
        />
      </Flex>
    </Card>
  );
}
