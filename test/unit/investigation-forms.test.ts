import { describe, expect, it } from 'vitest';
import { caseInputSchema, tipInputSchema } from '../../shared/contract/investigations';
import { liveLimit } from '../../renderer/src/features/investigations/cases/live-limit';
import { schemaResolver } from '../../renderer/src/features/investigations/form-support';

/** The investigations forms: contract schemas mapped onto form fields, and the live severity and deadline. */

const resolve = async <T extends Record<string, unknown>>(resolver: ReturnType<typeof schemaResolver>, values: T) =>
  (await resolver(values as never, undefined, { fields: {}, shouldUseNativeValidation: false } as never)) as {
    values: Record<string, unknown>;
    errors: Record<string, unknown>;
  };

describe('schemaResolver', () => {
  const caseResolver = schemaResolver(
    caseInputSchema,
    (v: { number: string; prosecutedOn: string; offences: { article: string; clause: number | null }[] }) => ({
      number: v.number,
      prosecutedOn: v.prosecutedOn,
      offences: v.offences.map((o) => ({ article: o.article, clause: o.clause ?? Number.NaN })),
    }),
  );

  it('puts an offence row’s problems on that row’s fields, an empty box reading "required"', async () => {
    const r = await resolve(caseResolver, {
      number: '12/2026',
      prosecutedOn: '2026-09-30',
      offences: [
        { article: '251', clause: 2 },
        { article: '', clause: null },
        { article: '249', clause: 9 },
      ],
    });
    expect(r.values).toEqual({});
    const rows = r.errors.offences as Record<string, { message: string }>[];
    expect(rows[0]).toBeUndefined();
    expect(rows[1]!.article!.message).toBe('required');
    expect(rows[1]!.clause!.message).toBe('required');
    expect(rows[2]!.clause!.message).toBe('offence_clause_unknown');
  });

  it('hands the procedure its parsed input when the form is valid', async () => {
    const r = await resolve(caseResolver, {
      number: ' 12/2026 ',
      prosecutedOn: '2026-09-30',
      offences: [{ article: '256A', clause: 1 }],
    });
    expect(r.errors).toEqual({});
    expect(r.values).toMatchObject({ number: '12/2026', offences: [{ article: '256a', clause: 1 }] });
  });

  it('renames an input path to the form field that edits it (receivedAt → receivedTime)', async () => {
    const tipResolver = schemaResolver(
      tipInputSchema,
      (v: { receivedOn: string; receivedTime: string; source: string; summary: string }) => ({
        receivedOn: v.receivedOn,
        receivedAt: `${v.receivedOn}T${v.receivedTime}`,
        source: v.source,
        summary: v.summary,
      }),
      { receivedAt: 'receivedTime' },
    );
    const r = await resolve(tipResolver, { receivedOn: '2026-11-25', receivedTime: '25:61', source: '', summary: '' });
    expect(r.errors).toMatchObject({
      receivedTime: { message: 'datetime_format' },
      source: { message: 'required' },
      summary: { message: 'required' },
    });
  });
});

describe('liveLimit', () => {
  it('takes the gravest clause and counts Art. 172 from the prosecution, a rest day moved to the next working day', () => {
    const two = [
      { article: '249', clause: 1 },
      { article: '251', clause: 2 },
    ];
    expect(liveLimit(two.slice(0, 1), '2026-09-30')).toEqual({ severity: 'serious', deadline: '2026-12-30' });
    // 30/09 + 4 months = 30/01/2027, a Saturday → Monday 01/02/2027; extended by 4 months from 30/01 → 30/05, a Sunday.
    expect(liveLimit(two, '2026-09-30')).toEqual({ severity: 'very_serious', deadline: '2027-02-01' });
    expect(liveLimit(two, '2026-09-30', [{ months: 4 }]).deadline).toBe('2027-05-31');
  });

  it('ignores rows not yet complete and shows nothing without a valid date', () => {
    expect(liveLimit([{ article: '251', clause: null }], '2026-09-30')).toEqual({ severity: null, deadline: null });
    expect(liveLimit([{ article: '251', clause: 4 }], '')).toEqual({ severity: 'especially_serious', deadline: null });
  });
});
