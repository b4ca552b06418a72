import { Form } from 'antd';
import { useId, type ReactNode } from 'react';
import { useController, type Control, type ControllerRenderProps, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

export type FieldControl<T extends FieldValues, N extends Path<T>> = ControllerRenderProps<T, N> & {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  status: 'error' | undefined;
};

interface FieldProps<T extends FieldValues, N extends Path<T>> {
  control: Control<T>;
  name: N;
  label: ReactNode;
  required?: boolean;
  extra?: ReactNode;
  /** Guidance shown under the field until an error takes its place (an error never repeats its hint). */
  hint?: ReactNode;
  children: (field: FieldControl<T, N>) => ReactNode;
}

/**
 * One labelled form field bound to react-hook-form, drawn as an antd Form.Item. Error messages are
 * translation keys (the zod schemas' messages and the host's issue codes) and are translated here.
 */
export function Field<T extends FieldValues, N extends Path<T>>(props: FieldProps<T, N>) {
  const { control, name, label, required, extra, hint, children } = props;
  const { t } = useTranslation();
  const id = `${useId()}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const { field, fieldState } = useController({ control, name });
  const message = fieldState.error?.message;
  const helpId = message ? `${id}-help` : undefined;
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      required={required}
      extra={
        message || !hint ? (
          extra
        ) : extra ? (
          <>
            {hint} {extra}
          </>
        ) : (
          hint
        )
      }
      validateStatus={message ? 'error' : undefined}
      help={
        message ? (
          <span id={helpId} role="alert">
            {/^[a-z_]+$/.test(message)
              ? t(`validation.${message}`, { defaultValue: t('validation.invalid') })
              : t('validation.invalid')}
          </span>
        ) : undefined
      }
    >
      {children({
        ...field,
        id,
        'aria-invalid': Boolean(message),
        'aria-describedby': helpId,
        status: message ? 'error' : undefined,
      })}
    </Form.Item>
  );
}
