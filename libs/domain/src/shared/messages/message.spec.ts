import { DomainError, invalid, messageOf, ruleBroken } from '../errors';
import { formatDecimal, msg, pickLanguage, rawMessage, render } from './message';

describe('messages in two languages', () => {
  it('says a catalogue message in Bahasa Indonesia by default and in English on request', () => {
    const error = invalid('period', msg('PERIOD_FORMAT', { value: 'Q4' }), 'PERIOD_FORMAT');
    expect(error.messageIn('id')).toBe(
      'period: "Q4" bukan periode: tulis bulan "2022-11" atau triwulan "2022-Q4" (juga "TW IV" atau "TW4")',
    );
    expect(error.messageIn('en')).toBe(
      'period: "Q4" is not a period: use a month "2022-11" or a quarter "2022-Q4" (also "TW IV" or "TW4")',
    );
    // `message` stays English (logs, stack traces); the rule code never changes with the language.
    expect(error.message).toBe(error.messageIn('en'));
    expect(error.rule).toBe('PERIOD_FORMAT');
    expect(messageOf(error, 'id')).toBe(error.messageIn('id'));
  });

  it('writes figures inside the text the Indonesian way: Rupiah, dates and phases', () => {
    const error = ruleBroken(
      'REALISATION_EXCEEDS_PAGU',
      msg('REALISATION_EXCEEDS_PAGU', {
        code: '2.17.07.1.01.0001',
        cumulative: '653027794.01',
        date: '2022-06-30',
        ceiling: msg('CEILING.phase', { phase: 'APBD_P', pagu: '653027794.00' }),
      }),
    );
    expect(error.messageIn('id')).toBe(
      'realisasi kumulatif baris 2.17.07.1.01.0001 akan menjadi Rp 653.027.794,01 pada 30 Juni 2022, melebihi pagu APBD Perubahan ' +
        'yang berlaku saat itu, Rp 653.027.794,00. Periksa kembali jumlah realisasi',
    );
    expect(error.messageIn('en')).toContain('would be Rp 653.027.794,01 on 2022-06-30, above the APBD_P pagu in effect then');
  });

  it('groups decimals without turning them into JS numbers', () => {
    expect(formatDecimal('7394109271.00', 'id')).toBe('7.394.109.271,00');
    expect(formatDecimal('7394109271.00', 'en')).toBe('7,394,109,271.00');
    expect(formatDecimal('1234567890123456.78', 'id')).toBe('1.234.567.890.123.456,78');
    expect(formatDecimal('-0.00', 'id')).toBe('0,00');
    expect(formatDecimal('12.5', 'id', 2)).toBe('12,50');
    expect(render(msg('PAGU_NEGATIVE', { code: 'X', phase: 'APBD', source: 'DAU', amount: '-0.01', date: '2022-03-01' }))).toContain(
      'akan menjadi -Rp 0,01 pada 1 Maret 2022',
    );
  });

  it('keeps text from outside the catalogue as it is, in every language', () => {
    const error = new DomainError('invalid', 'X', 'plain words');
    expect(error.messageIn('id')).toBe('plain words');
    expect(render(rawMessage('same'), 'en')).toBe('same');
  });

  it('says any error that carries a catalogue text (a refusal by role) in the language asked for', () => {
    const refusal = Object.assign(new Error('register-line needs the role planner'), {
      text: msg('FORBIDDEN.role', { action: msg('ACTION.register-line'), needed: 'planner', name: 'Budi', has: msg('FORBIDDEN.no_role') }),
    });
    expect(messageOf(refusal, 'id')).toBe('mendaftarkan baris rencana memerlukan peran planner; "Budi" tidak memiliki peran');
    expect(messageOf(refusal, 'en')).toBe('register-line needs the role planner; "Budi" has no role');
    expect(messageOf(new Error('plain'), 'id')).toBe('plain');
  });

  it.each([
    [undefined, 'id'],
    ['', 'id'],
    ['*', 'id'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7', 'id'],
    ['en-GB;q=0.5, id;q=0.8', 'id'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr-FR', 'id'],
    ['en;q=0', 'id'],
  ])('reads Accept-Language %p as %s', (header, language) => {
    expect(pickLanguage(header)).toBe(language);
  });
});
