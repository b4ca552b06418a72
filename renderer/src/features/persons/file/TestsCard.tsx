import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrugTest, PersonFile } from '../../../../../shared/contract';
import { formatDate } from '../../../i18n/dates';
import { usePersonLabels } from '../labels';
import { ToneTag } from '../ToneTag';
import { AddTestModal } from './AddTestModal';
import { useReopenedDialog } from './dialog-draft';

/** Drug tests, newest first. */
export function TestsCard(props: {
  personId: string;
  tests: readonly DrugTest[];
  canWrite: boolean;
  onChanged: (file: PersonFile) => void;
}) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const { message } = App.useApp();
  // After an unlock, the test dialog whose draft was left open opens again.
  const reopened = useReopenedDialog('test', props.personId);
  const [adding, setAdding] = useState(() => reopened !== null);
  const columns: TableColumnsType<DrugTest> = [
    { key: 'date', title: t('persons.test.date'), width: 130, render: (_, x) => formatDate(x.date) },
    { key: 'method', title: t('persons.test.method'), width: 180, render: (_, x) => labels.testMethod[x.method] },
    {
      key: 'result',
      title: t('persons.test.result'),
      width: 130,
      render: (_, x) => (
        <ToneTag tone={x.result === 'positive' ? 'red' : 'green'}>{labels.testResult[x.result]}</ToneTag>
      ),
    },
    {
      key: 'substances',
      title: t('persons.test.substances'),
      render: (_, x) => x.substances.map((s) => labels.substance[s]).join(', ') || '—',
    },
    { key: 'notes', title: t('persons.test.notes'), render: (_, x) => x.notes ?? '' },
  ];
  return (
    <Card
      title={t('persons.test.title')}
      extra={
        props.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('persons.test.add')}
          </Button>
        ) : null
      }
    >
      <Table<DrugTest>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...props.tests]}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">{t('persons.test.none')}</Typography.Text> }}
      />
      {adding ? (
        <AddTestModal
          personId={props.personId}
          onClose={() => setAdding(false)}
          onAdded={({ file }) => {
            setAdding(false);
            void message.success(t('persons.test.added'));
            props.onChanged(file);
          }}
        />
      ) : null}
    </Card>
  );
}
