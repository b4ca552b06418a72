import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { insertRecord, updateRecord } from '../changelog/changelog';
import type { DomainHandlerGroup } from '../host/context';
import { measureRepository, type PersonChildTable } from './measure.repository';
import { refreshDerived } from './person.category';
import { accessiblePerson, loadFile } from './person.dossier';
import { personRepository, toColumns } from './person.repository';
import { todayIso } from './person.rules';
import { scopeFor } from './person.scope';

const CHILD_TABLES: readonly PersonChildTable[] = [
  'personMeasures',
  'personCheckIns',
  'drugTests',
  'addictionDeterminations',
];

export const mergeHandlers: DomainHandlerGroup<'persons.merge'> = {
  /**
   * Merges two files of one person: every measure, check-in, test and determination moves to the kept file,
   * empty identity fields are filled from the other, its names become other names, and the other file is
   * marked merged (never removed), so its history and audit trail stay readable.
   */
  async 'persons.merge'(ctx, { keepId, mergeId }) {
    const db = ctx.db();
    const scope = await scopeFor(ctx);
    const keep = await accessiblePerson(db, scope, keepId);
    const gone = await accessiblePerson(db, scope, mergeId);
    if (keep.mergedInto || gone.mergedInto)
      throw new AppError(ErrorCodes.CONFLICT, 'a file in this merge was already merged');
    const changes = ctx.changes();
    await updateRecord(db, changes, 'persons', gone.id, { mergedInto: keep.id });
    await personRepository.refreshTokens(db, await personRepository.row(db, gone.id));
    let moved = 0;
    for (const table of CHILD_TABLES) {
      const ids = await measureRepository.liveIdsOf(db, table, gone.id);
      for (const id of ids) await updateRecord(db, changes, table, id, { personId: keep.id });
      moved += ids.length;
    }
    const keptFile = (await loadFile(db, { ...scope, limited: false }, keep)).person;
    const goneFile = (await loadFile(db, { ...scope, limited: false }, gone)).person;
    const names = [
      ...new Set([
        ...keptFile.otherNames,
        ...(goneFile.fullName !== keptFile.fullName ? [goneFile.fullName] : []),
        ...goneFile.otherNames,
      ]),
    ].slice(0, 10);
    const fill = <T>(a: T | null, b: T | null) =>
      a === null || a === undefined || (Array.isArray(a) && a.length === 0) ? b : a;
    await updateRecord(
      db,
      changes,
      'persons',
      keep.id,
      toColumns(
        {
          otherNames: names,
          citizenId: fill(keptFile.citizenId, goneFile.citizenId),
          ethnicity: fill(keptFile.ethnicity, goneFile.ethnicity),
          education: fill(keptFile.education, goneFile.education),
          occupation: fill(keptFile.occupation, goneFile.occupation),
          familyContact: fill(keptFile.familyContact, goneFile.familyContact),
          permanentAddress: fill(keptFile.permanentAddress, goneFile.permanentAddress),
          currentAddress: fill(keptFile.currentAddress, goneFile.currentAddress),
          substances: [...new Set([...keptFile.substances, ...goneFile.substances])],
          firstUseDate: fill(keptFile.firstUseDate, goneFile.firstUseDate),
        },
        keep,
      ),
    );
    await personRepository.refreshTokens(db, await personRepository.row(db, keep.id));
    const photo = await personRepository.photos(db, [keep.id, gone.id]);
    const keptPhoto = photo.find((p) => p.id === keep.id)?.photo;
    const gonePhoto = photo.find((p) => p.id === gone.id)?.photo;
    if (!keptPhoto && gonePhoto) {
      if (photo.some((p) => p.id === keep.id))
        await updateRecord(db, changes, 'personPhotos', keep.id, { photo: gonePhoto });
      else await insertRecord(db, changes, 'personPhotos', keep.id, { photo: gonePhoto });
    }
    await refreshDerived(db, keep.id, todayIso(ctx.now()));
    ctx.target({ recordType: 'person', recordId: keep.id, detail: { merged: gone.id, moved } });
    ctx.audit({ action: 'person.merged_away', recordType: 'person', recordId: gone.id, detail: { into: keep.id } });
    return loadFile(db, scope, await personRepository.row(db, keep.id));
  },
};
