import { formatDateTime } from '../../i18n/dates';

/**
 * The audit actions the host writes today, for the action filter and for showing each by its translated name
 * (an action missing here is still listed and shown by its code). Denied calls are logged under the
 * procedure's own name, e.g. `accounts.list`.
 */
export const AUDIT_ACTIONS = [
  'session.signin',
  'session.unlock',
  'session.lock',
  'session.recover',
  'vault.create',
  'vault.rekey',
  'vault.recovery_rotate',
  'account.create',
  'account.update',
  'account.disable',
  'account.enable',
  'account.password_reset',
  'account.password_change',
  'account.grant_request',
  'account.grant_approve',
  'account.grant_reject',
  'unit.create',
  'audit.verify',
  'audit.checkpoint',
  'audit.integrity_alert',
  'audit.reanchor',
  'backup.create',
  'backup.restore',
] as const;

/** i18next reads dots as nesting, so action codes become keys with underscores. */
export function actionKey(action: string): string {
  return `auditActions.${action.replace(/\./g, '_')}`;
}

type Translate = (key: string, options?: { defaultValue: string }) => string;

/**
 * An entry's detail as a line a person can read: known keys by their translated name, roles by their title,
 * yes/no for flags; anything unknown as it was written.
 */
export function describeDetail(detail: Record<string, string | number | boolean | null>, t: Translate): string {
  return Object.entries(detail)
    .map(([key, value]) => {
      const label = t(`audit.detailKeys.${key}`, { defaultValue: key });
      let shown = String(value);
      if (typeof value === 'boolean') shown = t(value ? 'audit.yes' : 'audit.no');
      else if (key === 'role' && typeof value === 'string') shown = t(`roles.${value}`, { defaultValue: value });
      else if (key === 'kind' && typeof value === 'string') shown = t(`grants.kind.${value}`, { defaultValue: value });
      else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) shown = formatDateTime(value, true);
      else if (key === 'reason' && typeof value === 'string')
        shown = t(`audit.reasons.${value}`, { defaultValue: value });
      return `${label}: ${shown}`;
    })
    .join(' · ');
}
