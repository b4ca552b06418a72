import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Result } from '../../../../shared/domain/errors';
import { useErrorText } from '../../api/api-errors';

/**
 * An A4 print built by the host (escaped, audited with its purpose), shown in a frame and printed from there,
 * as the persons dossier is (features/persons/file/PrintModal.tsx): the browser's dialog offers the printer and
 * "Save as PDF", and the app's screen never reaches the paper.
 */
export function PrintFrameModal(props: {
  title: string;
  intro: string;
  frameTitle: string;
  print: (purpose: string) => Promise<Result<{ html: string }>>;
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
    w.print();
    setPrinted(true);
  };

  const prepare = async () => {
    setLoading(true);
    const r = await props.print(purpose);
    setLoading(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setHtml(r.value.html);
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
                {t('rehab.print.close')}
              </Button>,
              <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={printFrame}>
                {t('rehab.print.again')}
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
                {t('rehab.print.go')}
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
            title={printed ? t('rehab.print.sent') : t('rehab.print.preparing')}
            description={t('rehab.print.pdfHint')}
          />
          <iframe
            ref={frame}
            title={props.frameTitle}
            className="rehab-print-frame"
            srcDoc={html}
            onLoad={printFrame}
          />
        </Flex>
      ) : (
        <Form layout="vertical" component={false}>
          <Typography.Paragraph>{props.intro}</Typography.Paragraph>
          <Form.Item label={t('rehab.print.purpose')} htmlFor={purposeId} extra={t('rehab.print.purposeHint')}>
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
