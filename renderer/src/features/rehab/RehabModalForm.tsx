import { Alert, Form, Modal } from 'antd';
import { useCallback, useId, type ReactNode } from 'react';
import type { FieldErrors, FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert';

/**
 * Focuses the first field marked invalid in a form once its errors are drawn: react-hook-form's own focus
 * reaches plain inputs only, not antd's selects and date pickers.
 */
export function useInvalidFocus(): { formId: string; onInvalid: () => void } {
  const formId = useId();
  const onInvalid = useCallback(() => {
    requestAnimationFrame(() => {
      const form = document.getElementById(formId);
      const first =
        form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        form?.querySelector<HTMLElement>('.ant-form-item-has-error input, .ant-form-item-has-error [tabindex="0"]');
      first?.focus();
    });
  }, [formId]);
  return { formId, onInvalid };
}

/** A modal holding one small form: its title names the form, Enter submits, the host's error shows on top. */
export function RehabModalForm<T extends FieldValues>(props: {
  title: string;
  okText: string;
  submitting: boolean;
  errors: FieldErrors<T>;
  formId: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
  width?: number;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const issue = (props.errors.root as Record<string, { message?: string }> | undefined)?.issue?.message;
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      okButtonProps={{ danger: props.danger }}
      cancelText={t('common.cancel')}
      onOk={props.onSubmit}
      onCancel={props.onCancel}
      confirmLoading={props.submitting}
      width={props.width ?? 640}
      destroyOnHidden
      maskClosable={false}
    >
      <form
        id={props.formId}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
        noValidate
        aria-label={props.title}
      >
        <Form component={false} layout="vertical">
          <FormErrorAlert errors={props.errors} />
          {issue ? (
            <Alert
              type="warning"
              showIcon
              title={t(`validation.${issue}`, { defaultValue: t('validation.invalid') })}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          {props.children}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </form>
    </Modal>
  );
}
