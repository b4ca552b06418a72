import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../../shared/domain/errors';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';

/**
 * The A4 case summary: built on the host (every value escaped) and audited there as a print, with whether a
 * purpose was given. Shown in a frame and printed from it, so the browser's dialog offers the printer and
 * "Save as PDF" and the app's screen never reaches the paper (as the persons dossier does).
 */
export function CasePrintModal(props: { caseId: string; number: string; onClose: () => void }) {
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
    w.print();
    setPrinted(true);
  };

  const prepare = async () => {
    setLoading(true);
    const r = await api.invoke('cases.print', { caseId: props.caseId, purpose });
    setLoading(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setHtml(r.value.html);
  };

  return (
    <Modal
      open
      title={t('investigations.print.title', { number: props.number })}
      onCancel={props.onClose}
      width={html ? 940 : 560}
      destroyOnHidden
      footer={
        html
          ? [
              <Button key="close" onClick={props.onClose}>
                {t('investigations.print.close')}
              </Button>,
              <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={print}>
                {t('investigations.print.again')}
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
                {t('investigations.print.go')}
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
            title={printed ? t('investigations.print.sent') : t('investigations.print.preparing')}
          />
          <iframe
            ref={frame}
            title={t('investigations.print.frameTitle')}
            className="inv-print-frame"
            srcDoc={html}
            onLoad={print}
          />
        </Flex>
      ) : (
        <Form layout="vertical" component={false}>
          <Typography.Paragraph>{t('investigations.print.intro')}</Typography.Paragraph>
          <Form.Item label={t('investigations.print.purpose')} htmlFor={purposeId}>
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
