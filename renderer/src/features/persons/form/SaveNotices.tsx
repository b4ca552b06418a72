import { Alert, Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../../shared/contract';
import { CategoryTag } from '../CategoryTag';
import { formatPartialDate } from '../format';
import { placeName } from '../labels';
import { usePersonsNavigation } from '../persons-navigation';
import type { Confirmation, Duplicate } from './usePersonSave';

function PersonLine({ person }: { person: PersonSummary }) {
  const { t } = useTranslation();
  const nav = usePersonsNavigation();
  const where = placeName(person.communeCode, person.provinceCode);
  return (
    <List.Item
      actions={[
        <Button key="open" size="small" onClick={() => nav.open({ kind: 'file', personId: person.id })}>
          {t('persons.form.openFile')}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={
          <span>
            {person.fullName} <CategoryTag category={person.category} />
          </span>
        }
        description={[
          t('persons.form.bornOn', { date: formatPartialDate(person.birthDate) }),
          person.citizenId ? `${t('persons.fields.citizenIdShort')} ${person.citizenId}` : null,
          where || null,
        ]
          .filter(Boolean)
          .join(' · ')}
      />
    </List.Item>
  );
}

/** The same CCCD is on another file: the save is refused, and the file is one click away. */
export function DuplicateNotice({ duplicate }: { duplicate: Duplicate }) {
  const { t } = useTranslation();
  const nav = usePersonsNavigation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('persons.form.duplicateTitle')}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {duplicate.elsewhere
              ? duplicate.elsewhere.owningUnit
                ? t('persons.form.duplicateElsewhere', { unit: duplicate.elsewhere.owningUnit.name })
                : t('persons.form.duplicateElsewhereUnknown')
              : duplicate.person
                ? t('persons.form.duplicateBody', {
                    name: duplicate.person.fullName,
                    date: formatPartialDate(duplicate.person.birthDate),
                  })
                : t('persons.form.duplicateBodyUnknown')}
          </Typography.Paragraph>
          {duplicate.id ? (
            <Button type="primary" ghost onClick={() => nav.open({ kind: 'file', personId: duplicate.id! })}>
              {t('persons.form.openExisting')}
            </Button>
          ) : null}
        </>
      }
    />
  );
}

/**
 * Similar names with the same birth year, and CCCD warnings: shown before the save that confirms them. The CCCD
 * warnings themselves are told once, at the field (CitizenIdField); this is the one summary beside the button.
 */
export function ConfirmationNotice({ confirmation }: { confirmation: Confirmation }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('persons.form.confirmTitle')}
      description={
        <>
          {confirmation.similar.length ? (
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {t('persons.form.similarFound', { count: confirmation.similar.length })}
              </Typography.Paragraph>
              <section aria-label={t('persons.form.similarLabel')}>
                <List
                  size="small"
                  className="persons-candidates"
                  dataSource={confirmation.similar}
                  renderItem={(p) => <PersonLine person={p} />}
                />
              </section>
            </>
          ) : null}
          {confirmation.warnings.length ? (
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {t('persons.form.confirmCitizenId')}
            </Typography.Paragraph>
          ) : null}
          {confirmation.similarUnlisted ? (
            <Typography.Paragraph>{t('persons.form.similarUnlisted')}</Typography.Paragraph>
          ) : null}
          <Typography.Paragraph strong style={{ margin: '8px 0 0' }}>
            {confirmation.warnings.length ? t('persons.form.confirmWithReason') : t('persons.form.confirmHint')}
          </Typography.Paragraph>
        </>
      }
    />
  );
}
