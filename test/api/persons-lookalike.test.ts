import { describe, expect, it } from 'vitest';
import { err, ok } from '../support/host';
import { as, cccd, personsWorld } from '../support/persons';

type World = Awaited<ReturnType<typeof personsWorld>>;

function person(w: World, fullName: string, extra: Record<string, unknown> = {}) {
  return {
    fullName,
    sex: 'male' as const,
    birthDate: '1990-05-12',
    citizenId: null,
    currentAddress: { provinceCode: '08', communeCode: w.communeA.code, street: '' },
    ...extra,
  };
}

const names = async (w: World, query: string) =>
  (await ok(w.host, 'persons.search', { query })).items.map((p) => p.fullName);

describe('persons: names written with lookalike letters', () => {
  it('stores the canonical name, and finds it by a query typed in any other form', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    // Eth for Đ (old web pages), a no-break space and a zero-width joiner pasted with it: accepted, stored clean.
    const f = await ok(w.host, 'persons.create', person(w, '\u00d0\u1eb7ng\u00a0V\u0103n \u00d0\u1ee9\u200dc'));
    expect(f.person.fullName).toBe('Đặng Văn Đức');
    // Decomposed, the tone typed before the circumflex, a caron for the breve.
    const g = await ok(
      w.host,
      'persons.create',
      person(w, 'Tra\u0300\u0302n V\u01cen Ho\u0300a', { citizenId: cccd(1990, 'male', '200001') }),
    );
    expect(g.person.fullName).toBe('Trần Văn Hòa');
    const stored = w.host
      .openState()
      .raw.prepare('SELECT full_name AS n FROM persons ORDER BY sort_key')
      .all()
      .map((r) => (r as { n: string }).n);
    expect(stored).toEqual(['Đặng Văn Đức', 'Trần Văn Hòa']);

    for (const q of [
      'Đặng Văn Đức',
      'dang van duc',
      '\u00d0\u1eb7ng V\u0103n \u00d0\u1ee9c', // eth
      '\u0189ang van \u0256uc', // African D
      'D\u0335ang van d\u0336uc', // combining stroke
      "DDa(ng Va(n DDu+'c", // VIQR
      '\uff24\uff41\uff4e\uff47 \uff56\uff41\uff4e', // fullwidth "Dang van" (prefix)
      'Đặng V\u0430n Đ\u1ee9\u200b\u0441', // Cyrillic а and с, zero-width space
      'Đa\u0323\u0306ng\u3000Va\u0306n', // NFD, ideographic space (prefix)
      'van \u00f0', // a word and a prefix, eth
    ]) {
      expect(await names(w, q), q).toEqual(['Đặng Văn Đức']);
    }
    for (const q of ['Trần Văn Hòa', 'tran van hoa', 'Tr\u1ea7n V\u01cen', 'Tra^`n Va(n Ho`a', 'Trần Văn Hoà']) {
      expect(await names(w, q), q).toEqual(['Trần Văn Hòa']);
    }
  });

  it('sees a name written with lookalikes as the same name in the duplicate check and on create', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const first = await ok(w.host, 'persons.create', person(w, 'Ph\u1ea1m V\u0103n \u00d0\u1ee9c'));
    for (const fullName of [
      'Phạm Văn Đức',
      'Pha\u0323m Va\u0306n \u0110u\u031b\u0301c',
      'Ph\u0430m V\u0430n \u0189\u1ee9c',
      "Pha.m Va(n DDu+'c",
    ]) {
      const check = await ok(w.host, 'persons.checkDuplicates', { fullName, birthDate: '1990', citizenId: null });
      expect(
        check.similar.map((p) => p.id),
        fullName,
      ).toEqual([first.person.id]);
    }
    const again = await err(w.host, 'persons.create', person(w, 'Phạm Văn Đức'));
    expect(again).toMatchObject({
      code: 'NEEDS_CONFIRMATION',
      issues: [{ path: 'fullName', code: 'similar_person_exists' }],
    });
  });

  it('keeps names canonical on update, other names included, and the search follows', async () => {
    const w = await personsWorld();
    await as(w.host, w.accounts.officerA.username);
    const f = await ok(w.host, 'persons.create', person(w, 'Lê Thị Mai'));
    const updated = await ok(w.host, 'persons.update', {
      personId: f.person.id,
      patch: { fullName: 'L\u00ea Th\u0131 \u041c\u0430i', otherNames: ['\u00d0\u00f4ng\u00adMai'] },
    });
    expect(updated.person.fullName).toBe('Lê Thi Mai');
    expect(updated.person.otherNames).toEqual(['ĐôngMai']);
    expect(await names(w, 'le thi mai')).toEqual(['Lê Thi Mai']);
    expect(await names(w, 'dongmai')).toEqual(['Lê Thi Mai']);
  });
});
