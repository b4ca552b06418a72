import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, Spin } from 'antd';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../../shared/contract';
import { CategoryTag } from '../CategoryTag';
import { formatPartialDate } from '../format';
import { placeName, usePersonLabels } from '../labels';

const ROW_HEIGHT = 52;

interface PersonsTableProps {
  items: readonly PersonSummary[];
  loading: boolean;
  onOpen: (person: PersonSummary) => void;
  /** Called once the last loaded row comes into view (to load the rest). */
  onEndReached?: () => void;
}

/** One result row, redrawn only when its person or position changes (scrolling moves most rows not at all). */
const PersonRow = memo(function PersonRow(props: {
  person: PersonSummary;
  index: number;
  start: number;
  onOpen: (person: PersonSummary) => void;
}) {
  const labels = usePersonLabels();
  const { person: p, onOpen } = props;
  const place = placeName(p.communeCode, p.provinceCode);
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      className="persons-row persons-row-body"
      style={{ transform: `translateY(${props.start}px)`, height: ROW_HEIGHT }}
      onClick={() => onOpen(p)}
    >
      <span role="cell">
        <button
          type="button"
          className="persons-link"
          onClick={(e) => {
            e.stopPropagation();
            onOpen(p);
          }}
        >
          {p.fullName}
        </button>
      </span>
      <span role="cell">{formatPartialDate(p.birthDate)}</span>
      <span role="cell">{labels.sex[p.sex]}</span>
      <span role="cell" className="persons-mono">
        {p.citizenId ?? '—'}
      </span>
      <span role="cell" className="persons-ellipsis" title={place}>
        {place || '—'}
      </span>
      <span role="cell">
        <CategoryTag category={p.category} />
      </span>
    </div>
  );
});

/**
 * Search results as a table whose rows are drawn only while in view (@tanstack/react-virtual): a hundred
 * thousand rows cost the DOM a few dozen. ARIA table roles keep it a table to screen readers, with each
 * row's position in the whole list.
 */
export function PersonsTable({ items, loading, onOpen, onEndReached }: PersonsTableProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows[rows.length - 1]?.index ?? -1;

  useEffect(() => {
    if (items.length > 0 && lastShown >= items.length - 1) onEndReached?.();
  }, [lastShown, items.length, onEndReached]);

  return (
    <Spin spinning={loading} delay={200}>
      <div
        role="table"
        aria-label={t('persons.list.tableLabel')}
        aria-rowcount={items.length + 1}
        className="persons-table"
      >
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="persons-row persons-row-head">
            <span role="columnheader">{t('persons.fields.fullName')}</span>
            <span role="columnheader">{t('persons.fields.birthDate')}</span>
            <span role="columnheader">{t('persons.fields.sex')}</span>
            <span role="columnheader">{t('persons.list.citizenIdColumn')}</span>
            <span role="columnheader">{t('persons.list.residence')}</span>
            <span role="columnheader">{t('persons.fields.category')}</span>
          </div>
        </div>
        {/* An empty rowgroup is not a valid table part: with no rows there is no body at all. */}
        {items.length ? (
          <div ref={scroller} role="rowgroup" className="persons-table-body">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {rows.map((row) => (
                <PersonRow
                  key={items[row.index]!.id}
                  person={items[row.index]!}
                  index={row.index}
                  start={row.start}
                  onOpen={onOpen}
                />
              ))}
            </div>
          </div>
        ) : null}
      </div>
      {items.length === 0 ? (
        <div className="persons-table-empty">
          {loading ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('persons.list.empty')} />}
        </div>
      ) : null}
    </Spin>
  );
}
