import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Result } from '../../../shared/domain/errors';
import { useErrorText } from '../api/api-errors';
import './print-preview.css';

/**
 * Printing an A4 document of the host's (the persons dossier, a case summary, a referral's cover, a
 * certificate): the purpose is typed first, then the caller's procedure builds the Decree 30 document on the
 * host (every value escaped) and audits the print with its purpose. The document is shown in a frame and
 * printed from there, so the browser's print dialog offers both the printer and "Save as PDF" and the app's
 * screen never reaches the paper. The frame's srcdoc document inherits the app's Content-Security-Policy, so
 * no inline script or handler could run in it; a `sandbox` attribute would add little to that but would shut
 * out accessibility tools, which inject their checker into every frame.
 */
export function PrintPreviewModal(props: {
  /** The dialog's title, naming the document and whose it is. */
  title: string;
  /** What is printed, said before the purpose is asked. */
  intro: string;
  /** The preview frame's accessible name. */
  frameTitle: string;
  /** The caller's print procedure (audited on the host), given the typed purpose. */
  print: (purpose: string) => Promise<Result<{ html: string }>>;
  /** Called once the document is built (the print is then in the audit log). */
  onPrinted?: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const purposeId = useId();
  const frame = useRef<HTMLIFrameElement>(null);
  const [purpose, setPurpose] = useState('');
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [printed, setPrinted] = useState(false);

  const printFrame = () => {
    const w = frame.current?.contentWindow;
    if (!w) return;
    w.focus();
    // print() returns once the dialog is closed (at once where there is no dialog, as in headless tests).
    w.print();
    setPrinted(true);
  };

  const prepare = async () => {
    if (loading) return;
    setLoading(true);
    const r = await props.print(purpose);
    setLoading(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setHtml(r.value.html);
    props.onPrinted?.();
  };

  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      width={html ? 940 : 560}
      destroyOnHidden
      footer={
        html
          ? [
              <Button key="close" onClick={props.onClose}>
                {t('printPreview.close')}
              </Button>,
              <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={printFrame}>
                {t('printPreview.again')}
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
                {t('printPreview.go')}
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
            title={printed ? t('printPreview.sent') : t('printPreview.preparing')}
            description={t('printPreview.pdfHint')}
          />
          <iframe
            ref={frame}
            title={props.frameTitle}
            className="print-preview-frame"
            srcDoc={html}
            onLoad={printFrame}
          />
        </Flex>
      ) : (
        <Form layout="vertical" component={false}>
          <Typography.Paragraph>{props.intro}</Typography.Paragraph>
          <Form.Item label={t('printPreview.purpose')} htmlFor={purposeId} extra={t('printPreview.purposeHint')}>
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
