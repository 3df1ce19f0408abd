/** Messages of the plan pages: Indonesian (default); English in messages.en.ts, with the same keys. */
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

/** English: messages.en.ts. */
export const messages = { id };
