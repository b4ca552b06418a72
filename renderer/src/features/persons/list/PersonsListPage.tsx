import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../../shared/contract';
import { Permissions } from '../../../../../shared/domain/roles';
import { useErrorText } from '../../../api/api-errors';
import { useSignedInSession } from '../../../app/session-context';
import { PageHeader } from '../../../components/PageHeader';
import { usePersonsNavigation, useScreenActive } from '../persons-navigation';
import { useUnits } from '../useUnits';
import { DuePanel } from './DuePanel';
import { PersonSearchBar } from './PersonSearchBar';
import { PersonsTable } from './PersonsTable';
import { ALL_ROWS, NO_FILTERS, usePersonSearch, type PersonFilters } from './usePersonSearch';

/** Persons under management: search and filter the registry, and the work that is due. */
export function PersonsListPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const nav = usePersonsNavigation();
  const units = useUnits();
  const errorText = useErrorText();
  const [filters, setFilters] = useState<PersonFilters>(NO_FILTERS);
  // Persons changed under another screen: search again once this one is shown (searches are audited).
  const active = useScreenActive();
  const [version, setVersion] = useState(nav.version);
  if (active && version !== nav.version) setVersion(nav.version);
  const search = usePersonSearch(filters, version);
  const canWrite = session.permissions.includes(Permissions.personsWrite);
  const canReadDue = session.permissions.includes(Permissions.personsRead);
  const result = search.result;
  const more = Boolean(result?.truncated) && search.limit < ALL_ROWS;
  const { showAll } = search;
  const loadRest = useCallback(() => {
    if (more && !search.loading) showAll();
  }, [more, search.loading, showAll]);

  const { open } = nav;
  const openFile = useCallback((p: PersonSummary) => open({ kind: 'file', personId: p.id }), [open]);

  const count = result
    ? result.total === null
      ? t('persons.list.moreThan', { count: result.items.length })
      : t('persons.list.count', { count: result.total })
    : '';

  const list = (
    <Flex vertical gap={16}>
      <PersonSearchBar filters={filters} provinceCode={units.provinceCode} onChange={setFilters} />
      {search.error ? <Alert type="error" showIcon title={errorText(search.error)} /> : null}
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Text strong aria-live="polite" data-testid="persons-count">
          {count}
        </Typography.Text>
        {more ? (
          <Button onClick={showAll} loading={search.loading && search.limit === ALL_ROWS}>
            {t('persons.list.showAll')}
          </Button>
        ) : null}
      </Flex>
      <PersonsTable items={result?.items ?? []} loading={search.loading} onOpen={openFile} onEndReached={loadRest} />
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('persons.list.title')}
        description={t('persons.list.description')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav.open({ kind: 'create' })}>
              {t('persons.list.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        {canReadDue ? (
          <Tabs
            items={[
              { key: 'list', label: t('persons.list.tabList'), children: list },
              {
                key: 'due',
                label: t('persons.due.tab'),
                children: <DuePanel version={version} onOpen={(id) => nav.open({ kind: 'file', personId: id })} />,
              },
            ]}
          />
        ) : (
          list
        )}
      </Card>
    </>
  );
}
