import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../shared/contract';
import { ROLE_LIST } from '../../../../shared/domain/roles';
import { foldVietnamese } from '../../../../shared/text/fold';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../api/api-errors';
import { useProcedure } from '../../api/useProcedure';
import { useSignedInSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { AccountCreateModal } from './AccountCreateModal';
import { AccountEditModal } from './AccountEditModal';
import { AccountsTable, type AccountAction } from './AccountsTable';
import { NewPasswordModal } from './NewPasswordModal';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'enable'; account: AccountView } | null;

/** Account administration: list, search, create, edit, reset a password, disable and enable. */
export function AccountsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const session = useSignedInSession();
  const accounts = useProcedure('accounts.list', {});
  const units = useProcedure('units.list', {});
  const [dialog, setDialog] = useState<Dialog>(null);
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<string>('');

  const shown = useMemo(() => {
    const q = foldVietnamese(query);
    return (accounts.data ?? []).filter(
      (a) => (!role || a.role === role) && (!q || foldVietnamese(a.displayName).includes(q) || a.username.includes(q)),
    );
  }, [accounts.data, query, role]);

  const done = (text: string, seconds = 3) => {
    setDialog(null);
    void message.success({ content: text, duration: seconds });
    accounts.reload();
  };
  /** A role that reads records waits for a leader: say so beside the confirmation, long enough to read it. */
  const saved = (key: string, a: AccountView) =>
    a.pendingGrant
      ? done(
          `${t(key, { name: a.displayName })} ${t('grants.awaitingLeader', { role: t(`roles.${a.pendingGrant.role}`) })}`,
          8,
        )
      : done(t(key, { name: a.displayName }));

  const act = async (action: AccountAction, account: AccountView) => {
    if (action !== 'disable') {
      setDialog({ kind: action, account });
      return;
    }
    const r = await api.invoke('accounts.disable', { accountId: account.id });
    if (r.ok) done(t('accounts.disable.done', { name: account.displayName }));
    else void message.error(errorText(r.error));
  };

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        description={t('accounts.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('accounts.create.open')}
          </Button>
        }
      />
      {accounts.error ? (
        <Alert type="error" showIcon title={errorText(accounts.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('accounts.searchPlaceholder')}
            aria-label={t('accounts.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ maxWidth: 320 }}
          />
          <Select
            aria-label={t('accounts.roleFilter')}
            value={role}
            onChange={setRole}
            style={{ minWidth: 220 }}
            options={[
              { value: '', label: t('accounts.allRoles') },
              ...ROLE_LIST.map((r) => ({ value: r, label: t(`roles.${r}`) })),
            ]}
          />
        </Flex>
        <AccountsTable
          accounts={shown}
          loading={accounts.loading}
          selfId={session.accountId}
          onAction={(a, acc) => void act(a, acc)}
        />
      </Card>
      <AccountCreateModal
        open={dialog?.kind === 'create'}
        units={units.data ?? []}
        onClose={() => setDialog(null)}
        onCreated={(a) => saved('accounts.create.done', a)}
      />
      {dialog?.kind === 'edit' ? (
        <AccountEditModal
          account={dialog.account}
          units={units.data ?? []}
          onClose={() => setDialog(null)}
          onSaved={(a) => saved('accounts.edit.done', a)}
        />
      ) : null}
      {dialog?.kind === 'reset' || dialog?.kind === 'enable' ? (
        <NewPasswordModal
          account={dialog.account}
          purpose={dialog.kind}
          onClose={() => setDialog(null)}
          onDone={(a) => saved(`accounts.${dialog.kind}.done`, a)}
        />
      ) : null}
    </>
  );
}
