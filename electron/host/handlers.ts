import type { ProcedureName } from '../../shared/contract';
import { accountHandlers } from '../accounts/account.service';
import { grantHandlers } from '../accounts/grant.service';
import { auditHandlers, auditLifecycleHandlers } from '../audit/audit.service';
import { integrityHandlers } from '../audit/integrity.service';
import { backupHandlers } from '../backup/backup.service';
import { draftHandlers } from '../drafts/draft.service';
import { homeHandlers } from '../home/home.service';
import { investigationHandlers } from '../investigations/handlers';
import { personsHandlers } from '../persons/handlers';
import { rehabHandlers } from '../rehab/handlers';
import { conflictHandlers } from '../platform/conflict.service';
import { exchangeHandlers } from '../exchange/exchange.service';
import { exchangeScreenHandlers } from '../exchange/exchange-screens.service';
import { communeStatusHandlers } from '../reports/commune-status.service';
import { planHandlers } from '../reports/plan.service';
import { reportHandlers } from '../reports/report.service';
import { sessionHandlers } from '../session/session.service';
import { unitHandlers } from '../units/unit.service';
import { vaultKeyHandlers } from '../vault/vault-keys.service';
import { appHandlers } from './app.service';

/** Services of the host's own lifecycle: they may hold the vault and the open state. */
export const lifecycleHandlers = {
  ...sessionHandlers,
  ...appHandlers,
  ...accountHandlers,
  ...grantHandlers,
  ...backupHandlers,
  ...auditLifecycleHandlers,
  ...integrityHandlers,
  ...vaultKeyHandlers,
};

/** Domain services: the router gives them only the narrow DomainContext. */
export const domainHandlers = {
  ...unitHandlers,
  ...homeHandlers,
  ...auditHandlers,
  ...personsHandlers,
  ...conflictHandlers,
  ...exchangeHandlers,
  ...exchangeScreenHandlers,
  ...planHandlers,
  ...communeStatusHandlers,
  ...reportHandlers,
  ...investigationHandlers,
  ...draftHandlers,
  ...rehabHandlers,
};

type Covered = keyof typeof lifecycleHandlers | keyof typeof domainHandlers;
/** A procedure of the contract without a handler, or a handler in both groups, is a compile error. */
const exhaustive: [Exclude<ProcedureName, Covered>] extends [never]
  ? [Extract<keyof typeof lifecycleHandlers, keyof typeof domainHandlers>] extends [never]
    ? true
    : 'a procedure has two handlers'
  : 'a procedure has no handler' = true;
void exhaustive;
