import type { FeatureMessages } from '../../i18n/feature-messages';

/** Messages of the plan pages: Indonesian (default) and English, the same keys in both. */
const id = {
  'plan.title': 'Rencana {office} {year}',
  'plan.intro': 'Program, kegiatan dan sub kegiatan dengan pagu per tahapan, pagu terkini, realisasi dan serapan.',
  'plan.caption': 'Rencana {office} tahun {year}: {count} baris ditampilkan dari {total}',
  'plan.search': 'Cari kode atau nama',
  'plan.searchHint': 'Baris induk dari setiap baris yang cocok tetap ditampilkan.',
  'plan.changedOnly': 'Hanya baris yang berubah',
  'plan.changedHint':
    'Baris yang berubah: baris yang memiliki pagu pada sedikitnya dua tahapan (RKPD sampai APBD-P; prakiraan maju tidak dihitung) dan jumlahnya — total atau per sumber dana — berbeda antartahapan.',
  'plan.expandAll': 'Buka semua',
  'plan.collapseAll': 'Tutup semua',
  'plan.toggle': 'Baris di bawah {code}',
  'plan.tableRegion': 'Tabel rencana (dapat digulir)',
  'plan.colCode': 'Kode',
  'plan.colName': 'Nama',
  'plan.colCurrent': 'Pagu terkini',
  'plan.colRealised': 'Realisasi',
  'plan.colAbsorption': 'Serapan',
  'plan.officeTotal': 'Jumlah perangkat daerah',
  'plan.noMatch': 'Tidak ada baris yang cocok dengan pencarian atau saringan ini.',
  'plan.empty': 'Belum ada baris rencana untuk perangkat daerah dan tahun ini.',
  'plan.parentPhaseNote':
    'Pagu per tahapan ditampilkan per sub kegiatan; baris program dan kegiatan hanya menampilkan jumlah yang dihitung server (APBD dan pagu terkini).',
  'plan.sourcesLabel': 'Sumber dana {phase}',
  'plan.summary': 'Pagu terkini {pagu}, realisasi {realised}, serapan {absorption}.',
} as const;

const en: FeatureMessages<typeof id>['en'] = {
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

export const messages: FeatureMessages<typeof id> = { id, en };
