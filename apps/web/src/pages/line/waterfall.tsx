import { formatDate, formatRupiah } from '../../format';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { amountScale, floatingBar } from './chart-geometry';
import type { PaguStep } from './line-types';

const WIDTH = 960;
const ROW = 50;
const LEFT = 12;
const RIGHT = WIDTH - 12;
const TOP = 8;

/** "APBD-P · DID · PMK 170/PMK.07/2022": what moved the pagu and on what legal basis. */
export function stepLabel(step: PaguStep, t: Translate): string {
  const phase = t(`phase.${step.phase}` as MessageKey);
  if (step.kind === 'phase_start') return `${phase} · ${t('line.carried', { phase: t(`phase.${step.carriedFrom}` as MessageKey) })}`;
  const basis = step.legalBasis ? `${step.legalBasis.kind} ${step.legalBasis.number}` : t('line.noLegalBasis');
  const status = step.status === 'in_force' ? '' : ` (${t(`line.status.${step.status}` as MessageKey)})`;
  return [phase, step.fundingSource, basis].filter(Boolean).join(' · ') + status;
}

const barClass = (step: PaguStep) =>
  step.status !== 'in_force' ? 'wf-void' : step.delta.startsWith('-') ? 'wf-down' : step.kind === 'phase_start' ? 'wf-carry' : 'wf-up';

/**
 * "Mengapa pagu ini?" as a waterfall: one row per step of the server's pagu trail, its bar floating
 * from the running total before the step to the one after it (amountBefore/amountAfter, computed by
 * the server), then a last bar from zero to the final pagu. Increases, decreases and voided steps
 * differ in colour AND in the signed amount written on each row; the table below has the same data.
 */
export function Waterfall({ code, steps, finalPagu, validAt }: { code: string; steps: PaguStep[]; finalPagu: string; validAt?: string }) {
  const { t, locale } = useI18n();
  const scale = amountScale([finalPagu, ...steps.flatMap((s) => [s.amountBefore, s.amountAfter])], LEFT, RIGHT);
  const height = TOP + (steps.length + 1) * ROW + 8;
  const finalY = TOP + steps.length * ROW;
  const label = t('line.waterfallLabel', {
    code,
    first: formatRupiah(steps[0]?.amountAfter, locale),
    final: formatRupiah(finalPagu, locale),
    count: steps.length,
  });
  return (
    <svg
      className="waterfall"
      data-testid="waterfall"
      role="img"
      aria-labelledby="waterfall-title"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH }}
    >
      <title id="waterfall-title">{label}</title>
      {steps.map((step, index) => {
        const y = TOP + index * ROW;
        const bar = floatingBar(scale, step.amountBefore, step.amountAfter);
        const delta = step.delta.startsWith('-') ? formatRupiah(step.delta, locale) : `+${formatRupiah(step.delta, locale)}`;
        return (
          <g key={step.step}>
            <text x={LEFT} y={y + 14} className="wf-label">
              {`${step.step}. ${stepLabel(step, t)}`}
            </text>
            <text x={RIGHT} y={y + 14} className="wf-amount" textAnchor="end">
              {delta}
            </text>
            <rect x={bar.x} y={y + 20} width={bar.width} height={18} className={barClass(step)} />
            <line x1={bar.end} x2={bar.end} y1={y + 38} y2={y + ROW + 20} className="wf-connector" />
          </g>
        );
      })}
      <g>
        <text x={LEFT} y={finalY + 14} className="wf-label wf-final-label">
          {validAt ? t('line.finalBarAt', { date: formatDate(validAt, locale) }) : t('line.finalBar')}
        </text>
        <text x={RIGHT} y={finalY + 14} className="wf-amount wf-final-label" textAnchor="end" data-testid="waterfall-final">
          {formatRupiah(finalPagu, locale)}
        </text>
        <rect x={LEFT} y={finalY + 20} width={Math.max(1, scale(finalPagu) - LEFT)} height={18} className="wf-final" />
      </g>
    </svg>
  );
}
