import type { FeatureMessages } from '../../i18n/feature-messages';
import type { messages } from './messages';

/** English messages of plan, loaded only when English is chosen (i18n/i18n.tsx): the same keys as messages.ts. */
export const en: FeatureMessages<typeof messages.id>['en'] = {
  'plan.title': 'Plan of {office} {year}',
  'plan.intro': 'Programs, kegiatan and sub kegiatan with pagu per phase, current pagu, realisasi and serapan.',
  'plan.caption': 'Plan of {office} for {year}: {count} of {total} lines shown',
  'plan.search': 'Search code or name',
  'plan.searchHint': 'The parents of every matching line stay visible.',
  'plan.changedOnly': 'Only lines that changed',
  'plan.changedHint':
    'A line changed when it has pagu in at least two phases (RKPD to APBD-P; the forward estimate does not count) and the amounts — the total or any funding source — differ between phases.',
  'plan.expandAll': 'Expand all',
  'plan.collapseAll': 'Collapse all',
  'plan.toggle': 'Lines under {code}',
  'plan.tableRegion': 'Plan table (scrollable)',
  'plan.colCode': 'Code',
  'plan.colName': 'Name',
  'plan.colCurrent': 'Current pagu',
  'plan.colRealised': 'Realisasi',
  'plan.colAbsorption': 'Serapan',
  'plan.officeTotal': 'Office total',
  'plan.noMatch': 'No line matches this search or filter.',
  'plan.empty': 'There are no plan lines for this office and year yet.',
  'plan.parentPhaseNote':
    'Pagu per phase is shown per sub kegiatan; program and kegiatan rows show only the totals the server computes (APBD and current pagu).',
  'plan.sourcesLabel': 'Funding sources of {phase}',
  'plan.summary': 'Current pagu {pagu}, realisasi {realised}, serapan {absorption}.',
};
