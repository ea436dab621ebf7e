import { Tooltip } from '@mantine/core';
import { chartSummary, dayBars, type DayCount } from './day-bars';

const size = { height: 28, barWidth: 6, gap: 2 };

/** A 14-day bar chart: successes in blue, failures in red on top; its summary is its accessible name. */
export function DayChart({ days, noun }: { days: readonly DayCount[]; noun: string }) {
  const bars = dayBars(days, size, noun);
  const summary = chartSummary(days, noun);
  const width = days.length * (size.barWidth + size.gap) - size.gap;
  return (
    <Tooltip label={summary}>
      <svg role="img" aria-label={summary} width={width} height={size.height + 1} viewBox={`0 0 ${width} ${size.height + 1}`} data-testid="day-chart">
        <line x1={0} x2={width} y1={size.height + 0.5} y2={size.height + 0.5} stroke="var(--mantine-color-gray-3)" />
        {bars.map((bar) => (
          <g key={bar.date}>
            <title>{bar.label}</title>
            {bar.okHeight > 0 && <rect x={bar.x} y={size.height - bar.okHeight} width={size.barWidth} height={bar.okHeight} fill="var(--mantine-color-blue-5)" />}
            {bar.failureHeight > 0 && (
              <rect x={bar.x} y={size.height - bar.okHeight - bar.failureHeight} width={size.barWidth} height={bar.failureHeight} fill="var(--mantine-color-red-6)" data-failed />
            )}
          </g>
        ))}
      </svg>
    </Tooltip>
  );
}
