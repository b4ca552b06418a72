import { v7 as uuidv7 } from 'uuid';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { insertRecord, updateRecord } from '../changelog/changelog';
import type { DomainContext, DomainHandlerGroup } from '../host/context';
import { refreshDerived } from './person.category';
import type { Written } from '../../shared/contract/person-types';
import { measureRepository } from './measure.repository';
import { accessiblePerson, loadFile } from './person.dossier';
import { personRepository } from './person.repository';
import { loadRules, measureEnd, registrationDeadline, todayIso } from './person.rules';
import { scopeFor } from './person.scope';

type Procs =
  | 'persons.addMeasure'
  | 'persons.updateMeasure'
  | 'persons.checkIn'
  | 'persons.addTest'
  | 'persons.addDetermination'
  | 'persons.updateDetermination';

/** The person behind a write, checked for scope; a merged-away file takes no new entries. */
async function writablePerson(ctx: DomainContext, personId: string) {
  const row = await accessiblePerson(ctx.db(), await scopeFor(ctx), personId);
  if (row.mergedInto) throw new AppError(ErrorCodes.CONFLICT, 'this file was merged into another');
  ctx.target({ recordType: 'person', recordId: personId });
  return row;
}

/**
 * A write's answer: the record written and the person's file as it now stands, so the screen shows it without
 * reading the file again (a read nobody asked for would pad the readers' log). The write itself is audited.
 */
async function written<T>(ctx: DomainContext, personId: string, record: T): Promise<Written<T>> {
  return { record, file: await loadFile(ctx.db(), scopeFor(ctx), await personRepository.row(ctx.db(), personId)) };
}

async function refresh(ctx: DomainContext, personId: string) {
  await refreshDerived(ctx.db(), personId, todayIso(ctx.now()));
}

async function measureRow(ctx: DomainContext, id: string) {
  const m = await measureRepository.liveMeasure(ctx.db(), id);
  if (!m) throw new AppError(ErrorCodes.NOT_FOUND, 'measure not found');
  await writablePerson(ctx, m.personId);
  return m;
}

export const measureHandlers: DomainHandlerGroup<Procs> = {
  async 'persons.addMeasure'(ctx, m) {
    await writablePerson(ctx, m.personId);
    const rules = await loadRules(ctx.db());
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'personMeasures', id, {
      personId: m.personId,
      kind: m.kind,
      decisionNumber: m.decisionNumber,
      decisionDate: m.decisionDate,
      authority: m.authority,
      officer: m.officer,
      startDate: m.startDate,
      endDate: m.endDate === undefined ? measureEnd(rules, m.kind, m.startDate) : m.endDate,
      status: 'active',
      notes: m.notes,
    });
    await refresh(ctx, m.personId);
    ctx.target({ recordType: 'person', recordId: m.personId, detail: { measure: id, kind: m.kind } });
    return written(ctx, m.personId, await measureRepository.measure(ctx.db(), id));
  },

  async 'persons.updateMeasure'(ctx, u) {
    const m = await measureRow(ctx, u.measureId);
    const endDate = u.endDate === undefined ? m.endDate : u.endDate;
    if (endDate && endDate <= m.startDate) {
      throw new AppError(ErrorCodes.INVALID_INPUT, 'end before start', {
        issues: [{ path: 'endDate', code: 'end_before_start' }],
      });
    }
    const changed = await updateRecord(ctx.db(), ctx.changes(), 'personMeasures', m.id, {
      status: u.status ?? m.status,
      endDate,
      notes: u.notes === undefined ? m.notes : u.notes,
    });
    await refresh(ctx, m.personId);
    ctx.target({ recordType: 'person', recordId: m.personId, detail: { measure: m.id, fields: changed.join(',') } });
    return written(ctx, m.personId, await measureRepository.measure(ctx.db(), m.id));
  },

  async 'persons.checkIn'(ctx, c) {
    const m = await measureRow(ctx, c.measureId);
    if (m.status !== 'active') throw new AppError(ErrorCodes.CONFLICT, 'the measure is not active');
    if (c.date < m.startDate) {
      throw new AppError(ErrorCodes.INVALID_INPUT, 'check-in before the measure', {
        issues: [{ path: 'date', code: 'before_measure_start' }],
      });
    }
    if (c.date > todayIso(ctx.now())) {
      throw new AppError(ErrorCodes.INVALID_INPUT, 'check-in in the future', {
        issues: [{ path: 'date', code: 'date_in_future' }],
      });
    }
    await insertRecord(ctx.db(), ctx.changes(), 'personCheckIns', uuidv7(), {
      measureId: m.id,
      personId: m.personId,
      date: c.date,
      note: c.note,
    });
    await refresh(ctx, m.personId);
    ctx.target({ recordType: 'person', recordId: m.personId, detail: { measure: m.id } });
    return written(ctx, m.personId, await measureRepository.measure(ctx.db(), m.id));
  },

  async 'persons.addTest'(ctx, t) {
    await writablePerson(ctx, t.personId);
    if (t.date > todayIso(ctx.now())) {
      throw new AppError(ErrorCodes.INVALID_INPUT, 'test in the future', {
        issues: [{ path: 'date', code: 'date_in_future' }],
      });
    }
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'drugTests', id, {
      personId: t.personId,
      date: t.date,
      method: t.method,
      result: t.result,
      substances: JSON.stringify(t.substances),
      notes: t.notes,
    });
    await refresh(ctx, t.personId);
    ctx.target({ recordType: 'person', recordId: t.personId, detail: { test: id } });
    return written(ctx, t.personId, await measureRepository.test(ctx.db(), id));
  },

  async 'persons.addDetermination'(ctx, d) {
    await writablePerson(ctx, d.personId);
    const rules = await loadRules(ctx.db());
    const id = uuidv7();
    await insertRecord(ctx.db(), ctx.changes(), 'addictionDeterminations', id, {
      personId: d.personId,
      requestedDate: d.requestedDate,
      facility: d.facility,
      resultDate: d.resultDate,
      result: d.result,
      formRef: d.formRef,
      // A positive result starts the clock to register for rehab or methadone.
      registrationDeadline: d.result === 'addicted' && d.resultDate ? registrationDeadline(rules, d.resultDate) : null,
      registeredAt: null,
    });
    await refresh(ctx, d.personId);
    ctx.target({ recordType: 'person', recordId: d.personId, detail: { determination: id } });
    return written(ctx, d.personId, await measureRepository.determination(ctx.db(), id));
  },

  async 'persons.updateDetermination'(ctx, u) {
    const d = await measureRepository.liveDetermination(ctx.db(), u.determinationId);
    if (!d) throw new AppError(ErrorCodes.NOT_FOUND, 'determination not found');
    await writablePerson(ctx, d.personId);
    const result = u.result ?? d.result;
    const resultDate = u.resultDate === undefined ? d.resultDate : u.resultDate;
    if (result !== 'pending' && !resultDate) {
      throw new AppError(ErrorCodes.INVALID_INPUT, 'result date needed', {
        issues: [{ path: 'resultDate', code: 'result_date_required' }],
      });
    }
    if (resultDate && resultDate < d.requestedDate) {
      throw new AppError(ErrorCodes.INVALID_INPUT, 'result before request', {
        issues: [{ path: 'resultDate', code: 'result_before_request' }],
      });
    }
    const rules = await loadRules(ctx.db());
    await updateRecord(ctx.db(), ctx.changes(), 'addictionDeterminations', d.id, {
      result,
      resultDate,
      formRef: u.formRef === undefined ? d.formRef : u.formRef,
      registeredAt: u.registeredAt === undefined ? d.registeredAt : u.registeredAt,
      registrationDeadline: result === 'addicted' && resultDate ? registrationDeadline(rules, resultDate) : null,
    });
    await refresh(ctx, d.personId);
    return written(ctx, d.personId, await measureRepository.determination(ctx.db(), d.id));
  },
};
