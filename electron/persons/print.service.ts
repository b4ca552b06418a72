import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { dossierHtml } from '../../shared/persons/dossier';
import type { DomainHandlerGroup } from '../host/context';
import { accessiblePerson, loadFile } from './person.dossier';
import { personRepository } from './person.repository';
import { scopeFor } from './person.scope';

/** A person's file printed as a dossier, and the log of who has read, printed or changed it. */
export const printHandlers: DomainHandlerGroup<'persons.print' | 'persons.readers'> = {
  async 'persons.readers'(ctx, { personId }) {
    await accessiblePerson(ctx.db(), await scopeFor(ctx), personId);
    return personRepository.readers(ctx.db(), personId);
  },

  async 'persons.print'(ctx, { personId, purpose }) {
    const scope = await scopeFor(ctx);
    ctx.target({ recordType: 'person', recordId: personId, detail: { purpose: purpose ? 'given' : 'none' } });
    const file = await loadFile(ctx.db(), scope, await accessiblePerson(ctx.db(), scope, personId));
    if (file.limited) throw new AppError(ErrorCodes.FORBIDDEN, 'rehab staff cannot print a person file');
    const s = ctx.session();
    const unit = s.unitId ? await personRepository.printingUnit(ctx.db(), s.unitId) : undefined;
    return {
      html: dossierHtml(file, { printedAt: ctx.now(), printedBy: s.displayName, unit: unit ?? null, purpose }),
    };
  },
};
