import { Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import type { FieldErrors, FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../../components/FormErrorAlert';

/** A modal holding one small form: its title names the form, Enter submits, the host's error shows on top. */
export function ModalForm<T extends FieldValues>(props: {
  title: string;
  okText: string;
  open: boolean;
  submitting: boolean;
  errors: FieldErrors<T>;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
  width?: number;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t('common.cancel')}
      onOk={props.onSubmit}
      onCancel={props.onCancel}
      confirmLoading={props.submitting}
      width={props.width ?? 640}
      destroyOnHidden
      maskClosable={false}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
        noValidate
        aria-label={props.title}
      >
        <Form component={false} layout="vertical">
          <FormErrorAlert errors={props.errors} />
          {props.children}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </form>
    </Modal>
  );
}
