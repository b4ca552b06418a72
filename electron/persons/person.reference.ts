import { ETHNICITIES } from '../../shared/domain/ethnicities';

/** Reference codes the person form may use. */
export const ETHNICITY_CODES: ReadonlySet<string> = new Set(ETHNICITIES.map((e) => e.code));
