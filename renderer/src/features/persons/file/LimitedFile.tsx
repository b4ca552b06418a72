import { Alert, Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonRecord } from '../../../../../shared/contract';
import { CategoryTag } from '../CategoryTag';
import { formatPartialDate } from '../format';
import { usePersonLabels } from '../labels';

/** What rehab staff may see of a file: identity and category, nothing of measures, tests or residence. */
export function LimitedFile({ person }: { person: PersonRecord }) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  return (
    <Card title={t('persons.form.identity')}>
      <Alert type="info" showIcon title={t('persons.file.limited')} style={{ marginBottom: 16 }} />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('persons.fields.fullName'), children: person.fullName },
          { key: 'sex', label: t('persons.fields.sex'), children: labels.sex[person.sex] },
          { key: 'birthDate', label: t('persons.fields.birthDate'), children: formatPartialDate(person.birthDate) },
          {
            key: 'category',
            label: t('persons.fields.category'),
            children: <CategoryTag category={person.category} />,
          },
        ]}
      />
    </Card>
  );
}
