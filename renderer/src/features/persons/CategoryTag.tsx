import { Tag } from 'antd';
import type { PersonCategory } from '../../../../shared/domain/persons';
import { usePersonLabels } from './labels';

/** Colours by how closely the person is managed: rehab and methadone stand out, unclassified stays grey. */
const CATEGORY_COLOURS: Record<PersonCategory, string> = {
  unclassified: 'default',
  user: 'orange',
  addict: 'red',
  in_rehab: 'purple',
  methadone: 'blue',
  post_rehab: 'green',
};

export function CategoryTag({ category }: { category: PersonCategory }) {
  const labels = usePersonLabels();
  return (
    <Tag color={CATEGORY_COLOURS[category]} style={{ marginInlineEnd: 0 }}>
      {labels.category[category]}
    </Tag>
  );
}
