import { EN } from './catalogue.en';
import { ID, type MessageKey } from './catalogue.id';

/** The languages a person can read the ledger's messages in: Bahasa Indonesia first, English on request. */
export type Language = 'id' | 'en';
export const DEFAULT_LANGUAGE: Language = 'id';

export type MessageParam = string | number | Message;
export type MessageParams = Readonly<Record<string, MessageParam>>;

/**
 * A sentence for people, kept as a catalogue key and its figures until someone reads it in a language.
 * `raw` is text that has no catalogue entry (an unexpected message from a library): said as it is.
 */
export type Message =
  | { readonly key: MessageKey; readonly params?: MessageParams; readonly field?: string }
  | { readonly raw: string; readonly field?: string };

export type { MessageKey };

/** A catalogue message: `msg('PERIOD_FORMAT', { value })`. */
export const msg = (key: MessageKey, params?: MessageParams): Message => ({ key, params });

/** Text that is not in the catalogue, said the same way in every language. */
export const rawMessage = (raw: string): Message => ({ raw });

/** Whether the catalogue has this key (for keys made at run time, such as `ACTION.${kind}`). */
export const hasMessage = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(ID, key);

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && (('key' in value && typeof value.key === 'string') || 'raw' in value);

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { id: ID, en: EN };

/**
 * The message in a language; `{name}` takes a parameter, `{name:rp}` (Rupiah, Indonesian style in every
 * language), `{name:date}`, `{name:num}`, `{name:phase}` format it.
 */
export function render(message: Message, language: Language = DEFAULT_LANGUAGE): string {
  const text = 'raw' in message ? message.raw : fill(CATALOGUES[language][message.key] ?? message.key, message.params ?? {}, language);
  return message.field ? `${message.field}: ${text}` : text;
}

function fill(template: string, params: MessageParams, language: Language): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (whole, name: string, format: string | undefined) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'object') return render(value, language);
    return formatValue(String(value), format, language);
  });
}

const MONTHS: Record<Language, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const PHASE_NAMES: Record<Language, Record<string, string>> = {
  id: {
    RKPD: 'RKPD',
    RENJA: 'Renja (pagu indikatif)',
    KUA_PPAS: 'KUA-PPAS',
    APBD: 'APBD murni',
    PERGESERAN: 'pergeseran',
    APBD_P: 'APBD Perubahan',
    PRAKIRAAN_MAJU: 'prakiraan maju',
  },
  en: {
    RKPD: 'RKPD',
    RENJA: 'Renja (indicative ceiling)',
    KUA_PPAS: 'KUA-PPAS',
    APBD: 'APBD (original)',
    PERGESERAN: 'PERGESERAN (shift)',
    APBD_P: 'APBD_P (revised)',
    PRAKIRAAN_MAJU: 'PRAKIRAAN_MAJU (forward estimate)',
  },
};

/** A decimal string grouped for reading ("1.653.027.794,00" in Indonesian), never through a JS number. */
export function formatDecimal(value: string, language: Language, minDecimals = 0): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [group, point] = language === 'id' ? ['.', ','] : [',', '.'];
  const int = m[2].replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const frac = (m[3] ?? '').padEnd(minDecimals, '0');
  const zero = /^0+$/.test(m[2]) && /^0*$/.test(frac);
  return `${m[1] && !zero ? '-' : ''}${int}${frac ? `${point}${frac}` : ''}`;
}

function formatValue(value: string, format: string | undefined, language: Language): string {
  switch (format) {
    case 'rp': {
      // Rupiah are written the Indonesian way in every language (Rp 1.653.027.794,00), as on the documents.
      const formatted = formatDecimal(value, 'id', 2);
      return formatted.startsWith('-') ? `-Rp ${formatted.slice(1)}` : `Rp ${formatted}`;
    }
    case 'num':
      return formatDecimal(value, language);
    case 'date': {
      const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      return d ? `${Number(d[3])} ${MONTHS[language][Number(d[2]) - 1]} ${d[1]}` : value;
    }
    case 'phase':
      return PHASE_NAMES[language][value] ?? value;
    default:
      return value;
  }
}

/**
 * The language a request asks for in its Accept-Language header: English when English is preferred
 * over Indonesian, otherwise (no header, "*", other languages) Bahasa Indonesia.
 */
export function pickLanguage(acceptLanguage: string | undefined | null): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, order) => {
      const [tag, ...options] = part.trim().toLowerCase().split(';');
      const q = options.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)).find(Boolean);
      return { primary: tag.split('-')[0], q: q ? Number(q[1]) : 1, order };
    })
    .filter((entry) => entry.q > 0 && (entry.primary === 'en' || entry.primary === 'id' || entry.primary === 'in'))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.primary === 'en' ? 'en' : DEFAULT_LANGUAGE;
}
