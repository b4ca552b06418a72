import { WarningFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import type { HotspotStatus } from '../../../../../shared/domain/investigations';
import { ToneTag, type Tone } from '../../persons/ToneTag';
import { useInvestigationLabels } from '../labels';

const TONES: Record<HotspotStatus, Tone> = {
  active: 'orange',
  under_treatment: 'blue',
  eliminated: 'green',
  reformed: 'red',
};

/** A hot spot's status; re-formed (forbidden by the plans) drawn solid red with a warning sign. */
export function HotspotStatusTag({ status }: { status: HotspotStatus }) {
  const labels = useInvestigationLabels();
  if (status !== 'reformed') return <ToneTag tone={TONES[status]}>{labels.hotspotStatus[status]}</ToneTag>;
  return (
    // Solid red dark enough for white text at 4.5:1 (antd's red is not).
    <Tag color="#a8071a" variant="solid" icon={<WarningFilled aria-hidden />} className="inv-reformed">
      {labels.hotspotStatus[status]}
    </Tag>
  );
}
