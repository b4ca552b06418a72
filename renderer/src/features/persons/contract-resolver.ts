import { zodResolver } from '@hookform/resolvers/zod';
import type { Control, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

/**
 * A react-hook-form resolver that validates with a procedure's own input schema from shared/contract:
 * the form's values (text boxes hold '' for "nothing") are turned into the procedure's input first, and the
 * handler receives that input. A field left empty that the contract needs reads "required" rather than
 * the format message its schema gives an empty string ("date_format" for an empty date).
 */
export function contractResolver<TForm extends FieldValues, S extends z.ZodType>(
  schema: S,
  toInput: (values: TForm) => z.input<S>,
): Resolver<TForm, unknown, z.output<S>> {
  // The schema's input is the procedure's, not the form's: the resolver is handed toInput(values) below.
  const inner: Resolver<FieldValues, unknown, z.output<S>> = zodResolver(schema as z.ZodType<z.output<S>, FieldValues>);
  return async (values, context, options) => {
    const result = await inner(toInput(values) as FieldValues, context, options as never);
    const errors = result.errors as FieldErrors<TForm>;
    for (const [name, error] of Object.entries(errors)) {
      const value: unknown = values[name];
      const empty = value === '' || value === null || (Array.isArray(value) && value.length === 0);
      if (empty && error && typeof error === 'object' && 'message' in error && error.message !== 'required') {
        (error as { message?: string }).message = 'required';
      }
    }
    return result as unknown as ReturnType<Resolver<TForm, unknown, z.output<S>>>;
  };
}

/**
 * components/Field takes a Control whose submitted values are the form values themselves; forms using
 * contractResolver submit the procedure's input instead, which Field never sees. The cast is only that.
 */
export function fieldControl<TForm extends FieldValues, TInput>(
  control: Control<TForm, unknown, TInput>,
): Control<TForm> {
  return control as unknown as Control<TForm>;
}
