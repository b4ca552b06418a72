import { accountHandlers } from '../accounts/account.service';
import { auditHandlers } from '../audit/audit.service';
import { backupHandlers } from '../backup/backup.service';
import { sessionHandlers } from '../session/session.service';
import { unitHandlers } from '../units/unit.service';
import { measureHandlers } from '../persons/measure.service';
import { personAdminHandlers } from '../persons/person-admin.service';
import { personHandlers } from '../persons/person.service';
import { appHandlers } from './app.service';
import type { Handlers } from './context';

/** Every procedure's service; the type makes a procedure without a handler a compile error. */
export const handlers: Handlers = {
  ...sessionHandlers,
  ...appHandlers,
  ...accountHandlers,
  ...unitHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...personHandlers,
  ...measureHandlers,
  ...personAdminHandlers,
};
