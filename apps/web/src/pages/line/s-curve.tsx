import { Money, Percent } from '../../components/figures';
import { formatRupiah } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { amountScale } from './chart-geometry';
import type { AbsorptionLine } from './line-types';

const WIDTH = 760;
const HEIGHT = 300;
const PAD = { left: 16, right: 150, top: 16, bottom: 36 };
const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * Realisasi as an S-curve: the cumulative realisation the server reports (by month when the line
 * records every month, else by quarter) against horizontal lines for the current pagu and the
 * original APBD pagu; the table below holds the same figures. Nothing is added here.
 */
export function SCurve({ code, line }: { code: string; line: AbsorptionLine }) {
  const { t, locale } = useI18n();
  const monthly = line.monthlyComplete && line.cumulativeByMonth.some((v) => v !== null);
  const cumulative = monthly ? line.cumulativeByMonth : line.cumulativeByQuarter;
  const perPeriod = monthly ? line.byMonth : line.byQuarter;
  const labels = monthly ? t('line.months').split(',') : ROMAN.map((n) => t('line.quarter', { n }));
  const period = monthly ? t('line.byMonth') : t('line.byQuarter');
  const y = amountScale([line.currentPagu, line.originalPagu, ...cumulative], HEIGHT - PAD.bottom, PAD.top);
  const step = (WIDTH - PAD.left - PAD.right) / labels.length;
  const x = (index: number) => PAD.left + step * (index + 1);
  const points = [
    `${PAD.left},${y('0')}`,
    ...cumulative.map((value, index) => (value === null ? null : `${x(index)},${y(value)}`)).filter(Boolean),
  ].join(' ');
  const label = t('line.sCurveLabel', {
    code,
    period,
    current: formatRupiah(line.currentPagu, locale),
    original: formatRupiah(line.originalPagu, locale),
  });
  // Two pagu lines close together: the original's label goes below the current's so both stay legible.
  const close = line.originalPagu !== null && Math.abs(y(line.originalPagu) - y(line.currentPagu)) < 14;
  const level = (value: string, text: string, className: string, shift = 0) => (
    <g className={className}>
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} />
      <text x={WIDTH - PAD.right + 6} y={y(value) + 4 + shift}>
        {text}
      </text>
    </g>
  );
  return (
    <>
      <svg
        className="s-curve"
        data-testid="s-curve"
        role="img"
        aria-labelledby="s-curve-title"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: WIDTH }}
      >
        <title id="s-curve-title">{label}</title>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} className="sc-axis" />
        {labels.map((text, index) => (
          <text key={text} x={x(index)} y={HEIGHT - PAD.bottom + 18} textAnchor="middle" className="sc-tick">
            {text}
          </text>
        ))}
        {line.originalPagu && level(line.originalPagu, t('line.legendOriginal'), 'sc-original', close ? 15 : 0)}
        {level(line.currentPagu, t('line.legendCurrent'), 'sc-current')}
        <polyline points={points} className="sc-realised" />
        {cumulative.map((value, index) =>
          value === null ? null : <circle key={index} cx={x(index)} cy={y(value)} r={4} className="sc-point" />,
        )}
      </svg>
      <p className="sc-legend" aria-hidden="true">
        <span className="sc-key sc-key-realised" /> {t('line.legendRealised')} <span className="sc-key sc-key-current" />{' '}
        {t('line.legendCurrent')}{' '}
        {line.originalPagu && (
          <>
            <span className="sc-key sc-key-original" /> {t('line.legendOriginal')}
          </>
        )}
      </p>
      <div className="line-table-scroll">
        <table className="data">
          <caption className="visually-hidden">{t('line.sCurveCaption', { code, period })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('line.colPeriod')}</th>
              <th scope="col" className="num">
                {t('line.colRealised')}
              </th>
              <th scope="col" className="num">
                {t('line.colCumulative')}
              </th>
              {!monthly && (
                <th scope="col" className="num">
                  {t('line.colAbsorptionCurrent')}
                </th>
              )}
              {!monthly && (
                <th scope="col" className="num">
                  {t('line.colAbsorptionOriginal')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {labels.map((text, index) => (
              <tr key={text}>
                <th scope="row">{text}</th>
                <td className="num">
                  <Money value={perPeriod[index]} />
                </td>
                <td className="num">
                  <Money value={cumulative[index]} />
                </td>
                {!monthly && (
                  <td className="num">
                    <Percent value={line.absorptionByQuarter.current[index]} />
                  </td>
                )}
                {!monthly && (
                  <td className="num">
                    <Percent value={line.absorptionByQuarter.original[index]} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
