import { eventName, figureName, figureValueText } from './ledger-words';

describe('figureName', () => {
  it('reads each family of figures in Indonesian', () => {
    expect(figureName('pagu.APBD_P.DID')).toBe('Pagu APBD-P (DID)');
    expect(figureName('pagu.current')).toBe('Pagu kini');
    expect(figureName('realisation.Q4')).toBe('Realisasi TW IV');
    expect(figureName('realisation.cumulative')).toBe('Realisasi kumulatif');
    expect(figureName('output.IK-1.Q2')).toBe('Realisasi kinerja IK-1 TW II');
    expect(figureName('target.IK.2')).toBe('Target IK.2');
    expect(figureName('indicator.IK-1')).toBe('Indikator IK-1');
    expect(figureName('line')).toBe('Baris');
    expect(figureName(null)).toBeNull();
  });
});

describe('eventName', () => {
  it('names the event types a person meets in a history, and leaves an unknown type as recorded', () => {
    expect(eventName('pagu.changed')).toBe('Penetapan/perubahan pagu');
    expect(eventName('event.corrected')).toBe('Koreksi');
    expect(eventName('something.new')).toBe('something.new');
  });
});

describe('figureValueText', () => {
  it("says an indicator's direction in words and leaves every other value as recorded", () => {
    expect(figureValueText('indicator.IK-1', 'Nilai SAKIP (nilai; higher_is_better)')).toBe('Nilai SAKIP (nilai; makin tinggi makin baik)');
    expect(figureValueText('indicator.IK-2', 'Angka kemiskinan (%; lower_is_better)')).toBe(
      'Angka kemiskinan (%; makin rendah makin baik)',
    );
    expect(figureValueText('target.IK-1', '80')).toBe('80');
    expect(figureValueText('indicator.IK-1', null)).toBeNull();
  });
});
