import { WarningFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import type { HotspotStatus } from '../../../../../shared/domain/investigations';
import { useInvestigationLabels } from '../labels';

const COLORS: Record<HotspotStatus, string> = {
  active: 'orange',
  under_treatment: 'processing',
  eliminated: 'green',
  reformed: 'red',
};

/** A hot spot's status; re-formed (forbidden by the plans) drawn solid red with a warning sign. */
export function HotspotStatusTag({ status }: { status: HotspotStatus }) {
  const labels = useInvestigationLabels();
  const reformed = status === 'reformed';
  return (
    <Tag
      color={COLORS[status]}
      variant={reformed ? 'solid' : 'filled'}
      icon={reformed ? <WarningFilled aria-hidden /> : undefined}
      className={reformed ? 'inv-reformed' : undefined}
    >
      {labels.hotspotStatus[status]}
    </Tag>
  );
}
