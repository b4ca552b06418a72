import { FilterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT } from '../../i18n/dates';
import { actionKey, AUDIT_ACTIONS } from './audit-vocabulary';

export interface AuditFilter {
  accountId: string;
  action: string;
  range: [Dayjs, Dayjs] | null;
}
export const NO_FILTER: AuditFilter = { accountId: '', action: '', range: null };

/**
 * Account, action and date range. The accounts offered are those seen in the log so far: an auditor may read
 * the log but not the account list.
 */
export function AuditFilters(props: { accounts: ReadonlyMap<string, string>; onApply: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilter>(NO_FILTER);
  return (
    <Form layout="vertical" component={false}>
      <Flex gap={12} wrap align="flex-end">
        <Form.Item label={t('audit.filters.account')} htmlFor="audit-filter-account" style={{ marginBottom: 0 }}>
          <Select
            id="audit-filter-account"
            style={{ width: 190 }}
            value={draft.accountId}
            onChange={(accountId) => setDraft({ ...draft, accountId })}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: '', label: t('audit.filters.allAccounts') },
              ...[...props.accounts].map(([id, username]) => ({ value: id, label: username })),
            ]}
          />
        </Form.Item>
        <Form.Item label={t('audit.filters.action')} htmlFor="audit-filter-action" style={{ marginBottom: 0 }}>
          <Select
            id="audit-filter-action"
            style={{ width: 230 }}
            value={draft.action}
            onChange={(action) => setDraft({ ...draft, action })}
            options={[
              { value: '', label: t('audit.filters.allActions') },
              ...AUDIT_ACTIONS.map((a) => ({ value: a, label: t(actionKey(a)) })),
            ]}
          />
        </Form.Item>
        <Form.Item label={t('audit.filters.dates')} htmlFor="audit-filter-dates" style={{ marginBottom: 0 }}>
          <DatePicker.RangePicker
            id={{ start: 'audit-filter-dates', end: 'audit-filter-dates-end' }}
            format={DATE_FORMAT}
            value={draft.range}
            onChange={(range) =>
              setDraft({ ...draft, range: range && range[0] && range[1] ? [range[0], range[1]] : null })
            }
            placeholder={[t('audit.filters.from'), t('audit.filters.to')]}
            allowEmpty={[false, false]}
          />
        </Form.Item>
        <Button type="primary" icon={<FilterOutlined />} onClick={() => props.onApply(draft)}>
          {t('audit.filters.apply')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setDraft(NO_FILTER);
            props.onApply(NO_FILTER);
          }}
        >
          {t('audit.filters.clear')}
        </Button>
      </Flex>
    </Form>
  );
}
