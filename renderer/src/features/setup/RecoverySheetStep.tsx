import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { RECOVERY_SHEET_CSS, recoverySheetBody } from '../../../../shared/vault/recovery-sheet';
import './recovery-sheet.css';

export interface RecoverySheetProps {
  recoveryKey: string;
  workstationId: string;
  adminUsername: string;
  createdAt: Date;
  /** A key issued later by an administrator (`vault.rotateRecovery`), not at setup. */
  reissued?: boolean;
  /** The button that ends the step; setup's own by default. */
  continueLabel?: string;
  onConfirmed: () => void;
}

/**
 * Step two: the recovery sheet, shown once. It is printed from a copy placed in #print-root, which the print
 * style sheet shows alone, so the app's chrome never reaches the paper. The user must confirm that the key is
 * printed or written down before going on; after that the key is gone from the renderer.
 */
export function RecoverySheetStep(props: RecoverySheetProps) {
  const { t } = useTranslation();
  const [kept, setKept] = useState(false);
  const { recoveryKey, workstationId, adminUsername, createdAt, reissued } = props;
  // recoverySheetBody escapes every value it places in the page.
  const sheet = useMemo(
    () => ({ __html: recoverySheetBody({ recoveryKey, workstationId, adminUsername, createdAt, reissued }) }),
    [recoveryKey, workstationId, adminUsername, createdAt, reissued],
  );
  const printRoot = document.getElementById('print-root');

  return (
    <div>
      <style>{RECOVERY_SHEET_CSS}</style>
      <Alert type="warning" showIcon title={t('setup.recovery.onceTitle')} description={t('setup.recovery.once')} />
      <section className="recovery-preview" aria-label={t('setup.recovery.previewLabel')} tabIndex={0}>
        <div className="recovery-paper" dangerouslySetInnerHTML={sheet} />
      </section>
      {printRoot ? createPortal(<div dangerouslySetInnerHTML={sheet} />, printRoot) : null}
      <Flex vertical gap={16}>
        <Button icon={<PrinterOutlined />} size="large" onClick={() => window.print()}>
          {t('setup.recovery.print')}
        </Button>
        <Checkbox checked={kept} onChange={(e) => setKept(e.target.checked)}>
          {t('setup.recovery.confirm')}
        </Checkbox>
        <Button type="primary" size="large" disabled={!kept} onClick={props.onConfirmed}>
          {props.continueLabel ?? t('setup.recovery.continue')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('setup.recovery.lostNote')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
