import { formatDate, formatPercent, formatRecordedTime, formatRupiah, signOf } from '../format';
import { useI18n } from '../i18n/i18n';

/** An amount as the server sent it (decimal string), in tabular figures. */
export function Money({ value, signed = false }: { value: string | null | undefined; signed?: boolean }) {
  const { locale } = useI18n();
  const sign = signOf(value);
  const text = formatRupiah(value, locale);
  return (
    <span className={`money${signed && sign < 0 ? ' negative' : ''}${signed && sign > 0 ? ' positive' : ''}`}>
      {signed && sign > 0 ? `+${text}` : text}
    </span>
  );
}

export function Percent({ value }: { value: string | null | undefined }) {
  const { locale } = useI18n();
  return <span className="percent">{formatPercent(value, locale)}</span>;
}

export function DateText({ value }: { value: string | null | undefined }) {
  const { locale } = useI18n();
  return <time dateTime={value ?? undefined}>{formatDate(value, locale)}</time>;
}

export function RecordedTime({ value }: { value: string | null | undefined }) {
  const { locale } = useI18n();
  return <time dateTime={value ?? undefined}>{formatRecordedTime(value, locale)}</time>;
}

/**
 * Serapan as a bar. The width comes from the server's percentage string; it is only a picture,
 * capped at 100 %, and the exact figure is written beside it.
 */
export function AbsorptionBar({ value }: { value: string | null | undefined }) {
  const width = value && /^\d+(\.\d+)?$/.test(value) ? Math.min(100, Number(value)) : 0;
  return (
    <span className="absorption">
      <span className="bar" aria-hidden="true">
        <span style={{ width: `${width}%` }} />
      </span>
      <Percent value={value} />
    </span>
  );
}

/** A legal basis as "Perda 10 Tahun 2021 (30 Desember 2021)". */
export function LegalBasis({ value }: { value: { kind: string; number: string; date: string } | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className="legal-basis">
      {value.kind} {value.number} (<DateText value={value.date} />)
    </span>
  );
}
