import { Alert, Button, Checkbox, Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardItem } from '../../../../../shared/contract';
import type { ReferralState } from '../../../../../shared/domain/rehab';
import { Permissions } from '../../../../../shared/domain/roles';
import { communesOf } from '../../../../../shared/places';
import { foldVietnamese } from '../../../../../shared/text/fold';
import { useSignedInSession } from '../../../app/session-context';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { formatDate } from '../../../i18n/dates';
import { placeName } from '../../persons/labels';
import { foldedFilter } from '../../persons/list/PersonSearchBar';
import { ToneTag } from '../../persons/ToneTag';
import { useUnits } from '../../persons/useUnits';
import { useReloadOn } from '../../persons/useReloadOn';
import { DaysLeftTag } from '../DaysLeftTag';
import { useRehabLabels } from '../labels';
import { useRehabNavigation, useRehabScreenActive } from '../rehab-navigation';

/** Overdue first, then the soonest limit, then those without one. */
export function byUrgency(a: BoardItem, b: BoardItem): number {
  const da = a.daysLeft ?? Number.POSITIVE_INFINITY;
  const db = b.daysLeft ?? Number.POSITIVE_INFINITY;
  return da - db || a.stateOn.localeCompare(b.stateOn);
}

/**
 * The referral board: the caller's referrals by state, each with its time limit (days left, overdue first).
 * A state's chip filters the table to it; the name box and "overdue only" narrow it further.
 */
export function ReferralBoard() {
  const { t } = useTranslation();
  const labels = useRehabLabels();
  const errorText = useErrorText();
  const nav = useRehabNavigation();
  const units = useUnits();
  const session = useSignedInSession();
  const wide = session.permissions.includes(Permissions.reachProvince);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [communeCode, setCommuneCode] = useState<string | undefined>(undefined);
  const board = useProcedure('referrals.board', { includeClosed, communeCode });
  const communeOptions = useMemo(
    () =>
      wide && units.provinceCode ? communesOf(units.provinceCode).map((c) => ({ value: c.code, label: c.name })) : [],
    [wide, units.provinceCode],
  );
  useReloadOn(nav.version, board.reload, useRehabScreenActive());
  const [state, setState] = useState<ReferralState | 'all'>('all');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [minorOnly, setMinorOnly] = useState(false);
  const [name, setName] = useState('');

  const columns = useMemo(() => (board.data?.columns ?? []).filter((c) => c.count > 0), [board.data]);
  const items = useMemo(() => {
    const folded = foldVietnamese(name.trim());
    return columns
      .filter((c) => state === 'all' || c.state === state)
      .flatMap((c) => c.items)
      .filter((i) => !overdueOnly || (i.daysLeft !== null && i.daysLeft < 0))
      .filter((i) => !minorOnly || i.minor)
      .filter((i) => !folded || foldVietnamese(i.fullName).includes(folded))
      .sort(byUrgency);
  }, [columns, state, overdueOnly, minorOnly, name]);

  const tableColumns: TableColumnsType<BoardItem> = [
    {
      key: 'person',
      title: t('rehab.board.person'),
      render: (_, i) => (
        <Flex vertical align="flex-start">
          <Button
            type="link"
            className="persons-link-button"
            onClick={() => nav.open({ kind: 'referral', referralId: i.id })}
          >
            {i.fullName}
          </Button>
          <Typography.Text type="secondary" className="rehab-small">
            {formatDate(i.birthDate)}
            {i.minor ? (
              <>
                {' · '}
                <ToneTag tone="purple">{t('rehab.minor')}</ToneTag>
              </>
            ) : null}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'state',
      title: t('rehab.board.state'),
      width: 230,
      render: (_, i) => (
        <Flex vertical>
          <span>{labels.referralState[i.state]}</span>
          <Typography.Text type="secondary" className="rehab-small">
            {t('rehab.board.since', { date: formatDate(i.stateOn) })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'deadline',
      title: t('rehab.board.deadline'),
      width: 120,
      render: (_, i) => formatDate(i.deadline) || '—',
    },
    {
      key: 'daysLeft',
      title: t('rehab.board.daysLeft'),
      width: 170,
      render: (_, i) => <DaysLeftTag deadline={i.deadline} daysLeft={i.daysLeft} />,
    },
    {
      key: 'commune',
      title: t('rehab.board.commune'),
      responsive: ['xl'],
      render: (_, i) => placeName(i.communeCode, null),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {board.error ? <Alert type="error" showIcon title={errorText(board.error)} /> : null}
      <div className="rehab-state-chips" role="group" aria-label={t('rehab.board.byState')}>
        <button
          type="button"
          className={`rehab-state-chip${state === 'all' ? ' rehab-state-chip-on' : ''}`}
          aria-pressed={state === 'all'}
          onClick={() => setState('all')}
        >
          <span className="rehab-state-chip-label">{t('rehab.board.all')}</span>
          <span className="rehab-state-chip-count">{board.data?.total ?? 0}</span>
          {board.data?.overdue ? (
            <span className="rehab-state-chip-overdue">
              {t('rehab.board.overdueCount', { count: board.data.overdue })}
            </span>
          ) : null}
        </button>
        {columns.map((c) => (
          <button
            key={c.state}
            type="button"
            className={`rehab-state-chip${state === c.state ? ' rehab-state-chip-on' : ''}`}
            aria-pressed={state === c.state}
            data-testid={`state-${c.state}`}
            onClick={() => setState(c.state)}
          >
            <span className="rehab-state-chip-label">{labels.referralState[c.state]}</span>
            <span className="rehab-state-chip-count">{c.count}</span>
            {c.overdue ? (
              <span className="rehab-state-chip-overdue">{t('rehab.board.overdueCount', { count: c.overdue })}</span>
            ) : null}
          </button>
        ))}
      </div>
      <Flex gap={16} align="center" wrap>
        <Input.Search
          allowClear
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('rehab.board.searchName')}
          aria-label={t('rehab.board.searchName')}
          style={{ maxWidth: 320 }}
        />
        <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)}>
          {t('rehab.board.overdueOnly')}
        </Checkbox>
        <Checkbox checked={minorOnly} onChange={(e) => setMinorOnly(e.target.checked)}>
          {t('rehab.board.minorOnly')}
        </Checkbox>
        <Checkbox checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)}>
          {t('rehab.board.includeClosed')}
        </Checkbox>
        {communeOptions.length ? (
          <Select
            allowClear
            value={communeCode}
            onChange={(v: string | undefined) => setCommuneCode(v)}
            placeholder={t('rehab.board.allCommunes')}
            aria-label={t('rehab.board.commune')}
            showSearch={{ filterOption: foldedFilter }}
            options={communeOptions}
            style={{ minWidth: 240 }}
          />
        ) : null}
      </Flex>
      <Table<BoardItem>
        rowKey="id"
        size="small"
        aria-label={t('rehab.board.tableLabel')}
        columns={tableColumns}
        dataSource={items}
        loading={board.loading}
        rowClassName={(i) => (i.daysLeft !== null && i.daysLeft < 0 ? 'rehab-row-overdue' : '')}
        pagination={items.length > 25 ? { pageSize: 25, showSizeChanger: false } : false}
        locale={{ emptyText: <Typography.Text type="secondary">{t('rehab.board.empty')}</Typography.Text> }}
      />
    </Flex>
  );
}
