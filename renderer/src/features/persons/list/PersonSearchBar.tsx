import { SearchOutlined } from '@ant-design/icons';
import { Flex, Input, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MeasureStatuses, PERSON_CATEGORY_LIST } from '../../../../../shared/domain/persons';
import { communesOf } from '../../../../../shared/places';
import { foldVietnamese } from '../../../../../shared/text/fold';
import { usePersonLabels } from '../labels';
import type { PersonFilters } from './usePersonSearch';

/** Filters a select's options by folded text, so that "minh xuan" finds "Phường Minh Xuân". */
export function foldedFilter(input: string, option?: { label?: unknown }): boolean {
  return foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input));
}

/** The search box and the filters: commune of the account's province, category, measure status. */
export function PersonSearchBar(props: {
  filters: PersonFilters;
  provinceCode: string | null;
  onChange: (filters: PersonFilters) => void;
}) {
  const { t } = useTranslation();
  const labels = usePersonLabels();
  const { filters, onChange } = props;
  const communes = useMemo(
    () => (props.provinceCode ? communesOf(props.provinceCode).map((c) => ({ value: c.code, label: c.name })) : []),
    [props.provinceCode],
  );
  return (
    <Flex gap={12} wrap align="center" className="persons-search-bar">
      <Input
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t('persons.list.searchPlaceholder')}
        aria-label={t('persons.list.searchLabel')}
        value={filters.text}
        onChange={(e) => onChange({ ...filters, text: e.target.value })}
        style={{ flex: '1 1 260px', maxWidth: 420 }}
      />
      {communes.length ? (
        <Select
          aria-label={t('persons.list.communeFilter')}
          value={filters.communeCode}
          onChange={(communeCode) => onChange({ ...filters, communeCode })}
          showSearch={{ filterOption: foldedFilter }}
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
          options={[{ value: '', label: t('persons.list.allCommunes') }, ...communes]}
        />
      ) : null}
      <Select
        aria-label={t('persons.list.categoryFilter')}
        value={filters.category}
        onChange={(category) => onChange({ ...filters, category })}
        style={{ width: 220 }}
        popupMatchSelectWidth={false}
        options={[
          { value: '', label: t('persons.list.allCategories') },
          ...PERSON_CATEGORY_LIST.map((c) => ({ value: c, label: labels.category[c] })),
        ]}
      />
      <Select
        aria-label={t('persons.list.measureFilter')}
        value={filters.measureStatus}
        onChange={(measureStatus) => onChange({ ...filters, measureStatus })}
        style={{ width: 210 }}
        popupMatchSelectWidth={false}
        options={[
          { value: '', label: t('persons.list.allMeasures') },
          ...Object.values(MeasureStatuses).map((s) => ({
            value: s,
            label: t('persons.list.measureWith', { status: labels.measureStatus[s].toLowerCase() }),
          })),
        ]}
      />
    </Flex>
  );
}
