import { catalogueId, type MessageKey } from '../../i18n/catalogue';
import { catalogueEn } from '../../i18n/catalogue.en';
import { describeRejection } from './rule-messages';

// i18n.tsx is JSX (outside the unit tests' reach): the same lookup and "{name}" filling, from the catalogues.
const translator =
  (locale: 'id' | 'en') =>
  (key: MessageKey, values: Record<string, string | number> = {}) =>
    (locale === 'id' ? catalogueId : catalogueEn)[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));

describe('describeRejection', () => {
  const t = translator('id');
  it('says REALISATION_EXCEEDS_PAGU in Indonesian with the figures', () => {
    const error = {
      rule: 'REALISATION_EXCEEDS_PAGU',
      message: 'cumulative realisation …',
      params: { line: '2.17.07.1.01.0001', cumulative: '700000000.00', date: '2022-03-31', pagu: '653027794.00', phase: 'APBD' },
    };
    expect(describeRejection(error, t, 'id')).toBe(
      'Realisasi kumulatif Rp 700.000.000,00 pada 31 Maret 2022 melebihi pagu APBD yang berlaku saat itu, Rp 653.027.794,00',
    );
    expect(describeRejection(error, translator('en'), 'en')).toBe(
      'Cumulative realisation Rp 700,000,000.00 on 31 March 2022 exceeds the APBD pagu in effect then, Rp 653,027,794.00',
    );
  });

  it('says PAGU_NEGATIVE with the phase, source and amount', () => {
    const error = {
      rule: 'PAGU_NEGATIVE',
      message: '…',
      params: { phase: 'APBD_P', fundingSource: 'DID', amount: '-5.00', date: '2022-11-08' },
    };
    expect(describeRejection(error, t, 'id')).toBe(
      'Pagu APBD-P sumber dana DID akan menjadi −Rp 5,00 pada 8 November 2022; pagu tidak boleh negatif',
    );
  });

  it("keeps the server's message for an unknown rule, or a known rule without its figures", () => {
    expect(describeRejection({ rule: 'SOMETHING_NEW', message: 'server says' }, t, 'id')).toBe('server says');
    expect(describeRejection({ rule: 'REALISATION_EXCEEDS_PAGU', message: 'server says' }, t, 'id')).toBe('server says');
  });
});
