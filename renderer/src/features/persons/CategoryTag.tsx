import type { PersonCategory } from '../../../../shared/domain/persons';
import { usePersonLabels } from './labels';
import { ToneTag, type Tone } from './ToneTag';

/** Tones by how closely the person is managed: rehab and methadone stand out, unclassified stays grey. */
const CATEGORY_TONES: Record<PersonCategory, Tone> = {
  unclassified: 'neutral',
  user: 'orange',
  addict: 'red',
  in_rehab: 'purple',
  methadone: 'blue',
  post_rehab: 'green',
};

export function CategoryTag({ category }: { category: PersonCategory }) {
  const labels = usePersonLabels();
  return <ToneTag tone={CATEGORY_TONES[category]}>{labels.category[category]}</ToneTag>;
}
