import { AuditActions } from '../../../../shared/domain/audit-actions';
import { formatDateTime } from '../../i18n/dates';

/**
 * Every audit action the host writes, for the action filter and for showing each by its translated name (one
 * table, shared/i18n/audit-action-labels.ts). Denied calls are logged under the procedure's own name, e.g.
 * `accounts.list`, and shown by their code unless the texts name them.
 */
export const AUDIT_ACTIONS: readonly string[] = Object.values(AuditActions);

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
