import type { PlanInput } from '../contract/reports';
import p2406 from './ke-hoach-2406-2021-2025.json';
import p3193 from './ke-hoach-3193-dia-ban-trong-diem.json';
import drugFree2025 from './xa-phuong-khong-ma-tuy-2025.json';

/**
 * The plans of the seed documents, as templates a province loads (its own code is filled in) and then edits:
 * targets are data, never code. `hoso plan import FILE` reads the same JSON files.
 * - 2406/QĐ-UBND (25/10/2021): the province's drug-control programme 2021–2025 (seed 001);
 * - 3193/KH-UBND (22/9/2023): key areas and routes (seed 000);
 * - the ministry's 2025 drug-free commune target of 20 % (seed 003: 35 communes = 28.2 %, 8.2 points over).
 */
export const PLAN_TEMPLATES: readonly { key: string; plan: PlanInput }[] = Object.freeze([
  { key: 'ke-hoach-2406-2021-2025', plan: p2406 as PlanInput },
  { key: 'ke-hoach-3193-dia-ban-trong-diem', plan: p3193 as PlanInput },
  { key: 'xa-phuong-khong-ma-tuy-2025', plan: drugFree2025 as PlanInput },
]);

/** A template (or an imported file) for a province: a province plan without its code takes the given one. */
export function planForProvince(plan: PlanInput, provinceCode: string): PlanInput {
  return plan.scope === 'province' && !plan.provinceCode ? { ...plan, provinceCode } : plan;
}
