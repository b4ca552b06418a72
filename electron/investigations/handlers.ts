import { caseHandlers } from './case.service';
import { hotspotHandlers } from './hotspot.service';
import { tipHandlers } from './tip.service';

/** Every procedure of the investigations contract (shared/contract/investigations.ts). */
export const investigationHandlers = { ...tipHandlers, ...caseHandlers, ...hotspotHandlers };
