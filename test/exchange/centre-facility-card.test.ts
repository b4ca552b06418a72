import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ADMIN, err, ok } from '../support/host';
import { as, personsWorld } from '../support/persons';
import { rehabFacility } from '../support/rehab-world';
import { centreStation } from './world';

/**
 * A fresh rehab centre's station has no facility record until the police's first bundle brings it, yet the
 * `rehab-to-police` policy is scoped to the centre's facility. The police write their card for the centre
 * (`station.card` with the facility): the card names the facility, and the centre's administrator adds the police
 * from it without choosing a facility (the add-peer dialog has none to offer).
 */
describe('a police card written for a rehab centre', { timeout: 300_000 }, () => {
  it('names the facility, and the centre adds the police with it; a plain card still needs one', async () => {
    const police = await personsWorld();
    const facility = await rehabFacility(police);
    await as(police.host, ADMIN.username);
    const prov = (await ok(police.host, 'units.list', {})).find((u) => u.code === 'PC04-08')!;
    await ok(police.host, 'station.setUnit', { unitId: prov.id });
    const pShow = await ok(police.host, 'station.show', {});
    const plain = await ok(police.host, 'station.card', {});
    const forCentre = await ok(police.host, 'station.card', { facilityId: facility.id });
    expect(JSON.parse(plain.card)).not.toHaveProperty('facility');
    expect(JSON.parse(forCentre.card).facility).toEqual({ id: facility.id, code: 'CS-TEST', name: facility.name });
    expect(forCentre.fileName).toBe('hoso-station-PC04-08.CS-TEST.card.json');
    // A facility that does not exist here is refused naming the field.
    const unknown = await err(police.host, 'station.card', { facilityId: randomUUID() });
    expect(unknown.code).toBe('INVALID_INPUT');
    expect(unknown.issues).toEqual([{ path: 'facilityId', code: 'facility_not_found' }]);

    // The centre: a fresh vault, no facility of its own.
    const centre = await centreStation();
    expect(await ok(centre.host, 'facilities.list', {})).toEqual([]);
    const add = { kind: 'hub', policy: 'rehab-to-police', fingerprint: pShow.fingerprint } as const;
    // The plain card names no facility: refused at the field, nothing added.
    const refused = await err(centre.host, 'peers.add', { ...add, card: plain.card });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.issues).toEqual([{ path: 'facilityId', code: 'required' }]);
    expect(await ok(centre.host, 'peers.list', {})).toEqual([]);

    // The card written for the centre: the policy takes its facility.
    const peer = await ok(centre.host, 'peers.add', { ...add, card: forCentre.card });
    expect(peer.policy).toEqual({
      name: 'rehab-to-police',
      send: { families: ['rehab', 'persons'], scope: { kind: 'facility', id: facility.id } },
      accept: { families: ['persons', 'rehab', 'reference'], scope: { kind: 'facility', id: facility.id } },
    });
    expect(peer.id).toBe(pShow.id);
    await centre.host.close();
    await police.host.close();
  });
});
