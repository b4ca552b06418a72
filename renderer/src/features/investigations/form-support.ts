import { useCallback, useRef } from 'react';
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { ApiError } from '../../../../shared/domain/errors';
import { SERVER_ERROR } from '../../api/api-errors';

/** Writes `value` at a dotted path ("offences.1.clause") of a nested errors object. */
function put(target: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: Record<string, unknown> = target;
  path.forEach((key, i) => {
    const k = String(key);
    if (i === path.length - 1) {
      if (!node[k]) node[k] = value;
      return;
    }
    node[k] ??= typeof path[i + 1] === 'number' ? [] : {};
    node = node[k] as Record<string, unknown>;
  });
}

/**
 * A react-hook-form resolver validating with a procedure's own input schema from shared/contract. The form's
 * values are first turned into the procedure's input; each issue lands on the form field it is about
 * (`rename` maps an input path to the form field that edits it, e.g. receivedAt → receivedTime). An empty
 * field whose schema wants something reads "required" rather than a format message.
 */
export function schemaResolver<TForm extends FieldValues, S extends z.ZodType>(
  schema: S,
  toInput: (values: TForm) => unknown,
  rename: Readonly<Record<string, string>> = {},
): Resolver<TForm, unknown, z.output<S>> {
  return async (values) => {
    const result = await schema.safeParseAsync(toInput(values));
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of result.error.issues) {
      const head = String(issue.path[0] ?? 'root');
      const path = [rename[head] ?? head, ...issue.path.slice(1)] as (string | number)[];
      const value: unknown = path.reduce<unknown>(
        (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[String(k)] : undefined),
        values,
      );
      // An empty box reads "required", not the format its schema expects; an empty list keeps its own message.
      const empty = value === '' || value === null || value === undefined;
      const message = empty ? 'required' : issue.message;
      put(errors, path, { type: issue.code, message });
    }
    return { values: {}, errors: errors as FieldErrors<TForm> };
  };
}

/**
 * Puts a host error on a form: each issue on the field it names (through `rename`, nested paths too), and the
 * code on the form itself. Returns whether any field got an issue.
 */
export function applyHostError(
  error: ApiError,
  setError: (name: never, e: { type: string; message: string }) => void,
  fields: readonly string[],
  rename: Readonly<Record<string, string>> = {},
): void {
  for (const issue of error.issues ?? []) {
    const [head, ...rest] = issue.path.split('.');
    const name = [rename[head!] ?? head, ...rest].join('.');
    if (fields.includes(name.split('.')[0]!)) setError(name as never, { type: 'server', message: issue.code });
  }
  setError(SERVER_ERROR as never, { type: 'server', message: error.code });
}

/**
 * Moves the keyboard to the first field marked invalid in the form (Field marks its control aria-invalid),
 * once the errors are drawn: the user lands where the first thing to fix is, whatever kind of control it is.
 */
export function useFocusFirstInvalid(): {
  formRef: React.RefObject<HTMLFormElement | null>;
  focusFirstInvalid: () => void;
} {
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstInvalid = useCallback(() => {
    requestAnimationFrame(() => {
      const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      el?.focus();
    });
  }, []);
  return { formRef, focusFirstInvalid };
}
