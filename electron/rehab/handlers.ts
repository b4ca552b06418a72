import type { rehabContract } from '../../shared/contract/rehab';
import type { DomainHandlerGroup } from '../host/context';
import { registerFacilityResolver } from '../platform/scope';
import {
  createFacility,
  createVoluntary,
  listFacilities,
  personRehab,
  readMethadone,
  readVoluntary,
  startMethadone,
  stopMethadone,
  updateFacility,
  updateMethadone,
  updateVoluntary,
} from './care.service';
import {
  advance,
  board,
  createReferral,
  exportDocument,
  readDocument,
  readDossier,
  setDocument,
  updateReferral,
} from './referral.service';
import { dischargeCertificate, referralCover } from './rehab.print';
import { seedRehab } from './rehab.seed';
import { admit, discharge, handovers, incident, readStay, roster, stage } from './stay.service';

/** A rehab-centre account's unit runs one facility: its staff see that facility's people (platform/scope.ts). */
registerFacilityResolver(async (db, unitId) => {
  const f = await db
    .selectFrom('rehabFacilities')
    .select('id')
    .where('unitId', '=', unitId)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt')
    .executeTakeFirst();
  return f?.id ?? null;
});

/** The rehabilitation family's handlers (issue 11). */
export const rehabHandlers: DomainHandlerGroup<keyof typeof rehabContract> = {
  'facilities.create': (ctx, input) => createFacility(ctx, input),
  'facilities.list': (ctx, input) => listFacilities(ctx, input),
  'facilities.update': (ctx, input) => updateFacility(ctx, input),

  'referrals.create': (ctx, input) => createReferral(ctx, input),
  async 'referrals.get'(ctx, input) {
    ctx.target({ recordType: 'referral', recordId: input.referralId });
    return readDossier(ctx, input.referralId);
  },
  'referrals.board': (ctx, input) => board(ctx, input),
  'referrals.advance': (ctx, input) => advance(ctx, input),
  'referrals.update': (ctx, input) => updateReferral(ctx, input),
  'referrals.setDocument': (ctx, input) => setDocument(ctx, input),
  'referrals.document': (ctx, input) => readDocument(ctx, input),
  'referrals.exportDocument': (ctx, input) => exportDocument(ctx, input),
  async 'referrals.print'(ctx, input) {
    ctx.target({ recordType: 'referral', recordId: input.referralId, detail: { purpose: input.purpose } });
    return { html: await referralCover(ctx, await readDossier(ctx, input.referralId), input.purpose) };
  },

  'voluntary.create': (ctx, input) => createVoluntary(ctx, input),
  'voluntary.get': (ctx, input) => readVoluntary(ctx, input.voluntaryId),
  'voluntary.update': (ctx, input) => updateVoluntary(ctx, input),

  'methadone.start': (ctx, input) => startMethadone(ctx, input),
  'methadone.stop': (ctx, input) => stopMethadone(ctx, input),
  'methadone.update': (ctx, input) => updateMethadone(ctx, input),
  'methadone.get': (ctx, input) => readMethadone(ctx, input.methadoneId),

  'stays.admit': (ctx, input) => admit(ctx, input),
  'stays.stage': (ctx, input) => stage(ctx, input),
  'stays.incident': (ctx, input) => incident(ctx, input),
  'stays.discharge': (ctx, input) => discharge(ctx, input),
  'stays.get': (ctx, input) => readStay(ctx, input.stayId),
  'stays.roster': (ctx, input) => roster(ctx, input),
  async 'stays.printCertificate'(ctx, input) {
    const stay = await readStay(ctx, input.stayId);
    ctx.target({ recordType: 'stay', recordId: stay.id, detail: { purpose: input.purpose } });
    return { html: await dischargeCertificate(ctx, stay, input.purpose) };
  },

  'rehab.handovers': (ctx, input) => handovers(ctx, input),
  'rehab.person': (ctx, input) => personRehab(ctx, input.personId),
  'rehab.seed': (ctx, input) => seedRehab(ctx, input),
};
