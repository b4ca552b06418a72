import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../shared/contract';

/**
 * A patch names only the fields that change. zod 4 keeps a field's `.default()` inside `.partial()`, so a patch
 * schema built from a create schema would fill every left-out defaulted field (a facility's unit set back to
 * none when only its capacity was edited). Every procedure's `patch` must parse an empty patch to nothing.
 */
describe('patch schemas', () => {
  const patches = Object.entries(contract).flatMap(([name, def]) => {
    const input = (def as { input: z.ZodType }).input;
    const shape = input instanceof z.ZodObject ? (input.shape as Record<string, z.ZodType>) : {};
    return shape.patch ? [[name, shape.patch] as const] : [];
  });

  it('are found for every update procedure', () => {
    expect(patches.map(([n]) => n)).toEqual(
      expect.arrayContaining(['persons.update', 'facilities.update', 'tips.update', 'cases.update']),
    );
  });

  it('fill in no field the caller left out', () => {
    for (const [name, patch] of patches) expect([name, patch.parse({})]).toEqual([name, {}]);
  });
});
