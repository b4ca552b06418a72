import type { Migration } from 'kysely/migration';
import * as m20261123_1700 from './2026_11_23_1700_core';
import * as m20261123_1800 from './2026_11_23_1800_persons';
import * as m20261203_1020 from './2026_12_03_1020_role_grants';
import * as m20261203_1100 from './2026_12_03_1100_platform';
import * as m20261203_1150 from './2026_12_03_1150_compact_change_log';
import * as m20261203_1200 from './2026_12_03_1200_investigations';
import * as m20261203_1300 from './2026_12_03_1300_rehabilitation';
import * as m20261203_1400 from './2026_12_03_1400_exchange';
import * as m20261203_1500 from './2026_12_03_1500_drafts';
import * as m20261203_1600 from './2026_12_03_1600_reports';
import * as m20261203_1700 from './2026_12_03_1700_rehab_indexes';
import * as m20261203_1710 from './2026_12_03_1710_settings_to_core';
import * as m20261203_1720 from './2026_12_03_1720_exchange_audit';
import * as m20261203_1730 from './2026_12_03_1730_report_indexes';
import * as m20261203_1740 from './2026_12_03_1740_person_scope_index';
import * as m20261203_1750 from './2026_12_03_1750_person_summary_index';
import * as m20261203_1810 from './2026_12_03_1810_report_facts';
import * as m20261203_1830 from './2026_12_03_1830_person_summary_order';
import * as m20261203_1900 from './2026_12_03_1900_report_counts';
import * as m20261203_1910 from './2026_12_03_1910_report_hotspots_index';
import * as m20261204_0000 from './2026_12_04_0000_report_gaps';
import * as m20261204_0010 from './2026_12_04_0010_report_facts_when';
import * as m20261204_0020 from './2026_12_04_0020_report_triggers_when';
import * as m20261204_0030 from './2026_12_04_0030_report_person_facts_counts';
import * as m20261204_0440 from './2026_12_04_0440_person_commune_summary';
import * as m20261204_0940 from './2026_12_04_0940_person_children_clustered';
import * as m20261204_1800 from './2026_12_04_1800_bulk_load_recounts';
import * as m20261205_0000 from './2026_12_05_0000_bulk_load_recount_parts';
import * as m20261205_0100 from './2026_12_05_0100_report_child_triggers_guard';
import * as m20261205_0200 from './2026_12_05_0200_bulk_load_person_facts';
import * as m20261205_1500 from './2026_12_05_1500_bulk_load_recount_join_order';
import * as m20261205_1800 from './2026_12_05_1800_bulk_load_facts_once';

/**
 * Every migration, listed statically: a packaged (asar) app cannot read a folder of migration files.
 * Names sort in time order; a test rejects a new migration that sorts before the latest one.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_1700_core': m20261123_1700,
  '2026_11_23_1800_persons': m20261123_1800,
  '2026_12_03_1020_role_grants': m20261203_1020,
  '2026_12_03_1100_platform': m20261203_1100,
  '2026_12_03_1150_compact_change_log': m20261203_1150,
  '2026_12_03_1200_investigations': m20261203_1200,
  '2026_12_03_1300_rehabilitation': m20261203_1300,
  '2026_12_03_1400_exchange': m20261203_1400,
  '2026_12_03_1500_drafts': m20261203_1500,
  '2026_12_03_1600_reports': m20261203_1600,
  '2026_12_03_1700_rehab_indexes': m20261203_1700,
  '2026_12_03_1710_settings_to_core': m20261203_1710,
  '2026_12_03_1720_exchange_audit': m20261203_1720,
  '2026_12_03_1730_report_indexes': m20261203_1730,
  '2026_12_03_1740_person_scope_index': m20261203_1740,
  '2026_12_03_1750_person_summary_index': m20261203_1750,
  '2026_12_03_1810_report_facts': m20261203_1810,
  '2026_12_03_1830_person_summary_order': m20261203_1830,
  '2026_12_03_1900_report_counts': m20261203_1900,
  '2026_12_03_1910_report_hotspots_index': m20261203_1910,
  '2026_12_04_0000_report_gaps': m20261204_0000,
  '2026_12_04_0010_report_facts_when': m20261204_0010,
  '2026_12_04_0020_report_triggers_when': m20261204_0020,
  '2026_12_04_0030_report_person_facts_counts': m20261204_0030,
  '2026_12_04_0440_person_commune_summary': m20261204_0440,
  '2026_12_04_0940_person_children_clustered': m20261204_0940,
  '2026_12_04_1800_bulk_load_recounts': m20261204_1800,
  '2026_12_05_0000_bulk_load_recount_parts': m20261205_0000,
  '2026_12_05_0100_report_child_triggers_guard': m20261205_0100,
  '2026_12_05_0200_bulk_load_person_facts': m20261205_0200,
  '2026_12_05_1500_bulk_load_recount_join_order': m20261205_1500,
  '2026_12_05_1800_bulk_load_facts_once': m20261205_1800,
};
