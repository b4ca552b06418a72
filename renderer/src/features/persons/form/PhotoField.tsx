import { DeleteOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Flex, Form, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resizePhoto } from './photo-resize';

/**
 * The person's photo: chosen from a file, resized here before it is sent. `value` undefined means "as on
 * file" (an edit that does not touch the photo), null "no photo".
 */
export function PhotoField(props: {
  value: string | null | undefined;
  current: string | null;
  onChange: (photo: string | null) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const shown = props.value === undefined ? props.current : props.value;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setFailed(false);
    try {
      props.onChange(await resizePhoto(file));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Form.Item label={t('persons.fields.photo')} htmlFor={id}>
      <Flex gap={16} align="center">
        {shown ? (
          <img
            src={shown}
            alt={t('persons.form.photoAlt')}
            className="persons-photo"
            data-testid="person-photo-preview"
          />
        ) : (
          <Avatar shape="square" size={96} icon={<UserOutlined />} aria-hidden />
        )}
        <Flex vertical gap={8} align="flex-start">
          <input
            ref={input}
            id={id}
            type="file"
            // Reached through the button beside it: one Tab stop, not a second one that shows no focus.
            tabIndex={-1}
            accept="image/jpeg,image/png,image/webp"
            className="persons-file-input"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
          <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
            {shown ? t('persons.form.photoReplace') : t('persons.form.photoChoose')}
          </Button>
          {shown ? (
            <Button icon={<DeleteOutlined />} type="text" danger onClick={() => props.onChange(null)}>
              {t('persons.form.photoRemove')}
            </Button>
          ) : null}
          <Typography.Text type={failed ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {failed ? t('persons.form.photoFailed') : t('persons.form.photoHint')}
          </Typography.Text>
        </Flex>
      </Flex>
    </Form.Item>
  );
}
