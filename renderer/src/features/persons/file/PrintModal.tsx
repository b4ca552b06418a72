import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../../shared/domain/errors';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';

/**
 * Printing the A4 dossier. The host builds it, escaping every value, and audits the print (persons.print,
 * with whether a purpose was given). It is shown in a frame and printed from there, so that the browser's
 * print dialog offers both the printer and "Save as PDF" and the app's screen never reaches the paper.
 * The frame's srcdoc document inherits the app's Content-Security-Policy, so no inline script or handler
 * could run in it; a `sandbox` attribute would add little to that but would shut out accessibility
 * tools, which inject their checker into every frame.
 */
export function PrintModal(props: { personId: string; name: string; onClose: () => void; onPrinted: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const purposeId = useId();
  const frame = useRef<HTMLIFrameElement>(null);
  const [purpose, setPurpose] = useState('');
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [printed, setPrinted] = useState(false);

  const print = () => {
    const w = frame.current?.contentWindow;
    if (!w) return;
    w.focus();
    // print() returns once the dialog is closed (at once where there is no dialog, as in headless tests).
    w.print();
    setPrinted(true);
  };

  const prepare = async () => {
    setLoading(true);
    const r = await api.invoke('persons.print', { personId: props.personId, purpose });
    setLoading(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setHtml(r.value.html);
    props.onPrinted();
  };

  return (
    <Modal
      open
      title={t('persons.print.title', { name: props.name })}
      onCancel={props.onClose}
      width={html ? 940 : 560}
      destroyOnHidden
      footer={
        html
          ? [
              <Button key="close" onClick={props.onClose}>
                {t('persons.print.close')}
              </Button>,
              <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={print}>
                {t('persons.print.again')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={props.onClose}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="go"
                type="primary"
                icon={<PrinterOutlined />}
                loading={loading}
                onClick={() => void prepare()}
              >
                {t('persons.print.go')}
              </Button>,
            ]
      }
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      {html ? (
        <Flex vertical gap={12}>
          <Alert
            type={printed ? 'success' : 'info'}
            showIcon
            title={printed ? t('persons.print.sent') : t('persons.print.preparing')}
            description={t('persons.print.pdfHint')}
          />
          <iframe
            ref={frame}
            title={t('persons.print.frameTitle')}
            className="persons-dossier-frame"
            srcDoc={html}
            onLoad={print}
          />
        </Flex>
      ) : (
        <Form layout="vertical" component={false}>
          <Typography.Paragraph>{t('persons.print.intro')}</Typography.Paragraph>
          <Form.Item label={t('persons.print.purpose')} htmlFor={purposeId} extra={t('persons.print.purposeHint')}>
            <Input
              id={purposeId}
              value={purpose}
              maxLength={200}
              onChange={(e) => setPurpose(e.target.value)}
              onPressEnter={() => void prepare()}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
