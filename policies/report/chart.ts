/**
 * A stacked horizontal bar chart as inline SVG, drawn here rather than with a charting library because the
 * report must be one offline file without scripts: each row is 100 % wide and split into passed, waived
 * and failed results; every segment has a <title> (tooltip, screen readers) and the counts are also
 * printed beside the bar, so no information lives in colour alone.
 */
import type { StatusCounts } from './summary';

export interface ChartRow {
  readonly label: string;
  readonly counts: StatusCounts;
}

export const CHART_COLOURS = { passed: '#2e7d32', waived: '#f9a825', failed: '#c62828', empty: '#cfd8dc' } as const;

const SEGMENTS = [
  { key: 'passed', label: 'passed' },
  { key: 'waived', label: 'waived' },
  { key: 'failed', label: 'failed' },
] as const;

export interface ChartOptions {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly escape: (text: string) => string;
}

/** Segments narrower than this would vanish; they borrow width from the largest segment. */
const MIN_SEGMENT_WIDTH = 4;

export function segmentWidths(counts: StatusCounts, width: number): number[] {
  const values = SEGMENTS.map(({ key }) => counts[key]);
  const total = values.reduce((sum, value) => sum + value, 0);
  if (total === 0) return values.map(() => 0);
  const widths = values.map((value) => (value === 0 ? 0 : Math.max(MIN_SEGMENT_WIDTH, (value / total) * width)));
  const excess = widths.reduce((sum, value) => sum + value, 0) - width;
  const largest = widths.indexOf(Math.max(...widths));
  widths[largest] = widths[largest]! - excess;
  return widths.map((value) => Math.round(value * 100) / 100);
}

export function renderStackedBarChart(rows: readonly ChartRow[], options: ChartOptions): string {
  const { escape } = options;
  const labelWidth = 150;
  const barWidth = 460;
  const countsWidth = 230;
  const rowHeight = 30;
  const barHeight = 20;
  const top = 8;
  const legendHeight = 28;
  const width = labelWidth + barWidth + countsWidth;
  const height = top + rows.length * rowHeight + legendHeight;
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;

  const bars = rows.map((row, index) => {
    const y = top + index * rowHeight;
    const widths = segmentWidths(row.counts, barWidth);
    let x = labelWidth;
    const segments = SEGMENTS.map(({ key, label }, segment) => {
      const segmentWidth = widths[segment]!;
      const rect =
        segmentWidth > 0
          ? `<rect class="bar bar-${key}" data-status="${key}" data-label="${escape(row.label)}" x="${x}" y="${y}" width="${segmentWidth}" height="${barHeight}" fill="${CHART_COLOURS[key]}"><title>${escape(`${row.label}: ${row.counts[key]} ${label}`)}</title></rect>`
          : '';
      x += segmentWidth;
      return rect;
    }).join('');
    const empty = widths.every((value) => value === 0)
      ? `<rect class="bar-empty" x="${labelWidth}" y="${y}" width="${barWidth}" height="${barHeight}" fill="${CHART_COLOURS.empty}"><title>${escape(`${row.label}: no results`)}</title></rect>`
      : '';
    const text = `${row.counts.passed} passed · ${row.counts.waived} waived · ${row.counts.failed} failed`;
    return (
      `<g class="chart-row" role="listitem" aria-label="${escape(`${row.label}: ${text}`)}">` +
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escape(row.label)}</text>${empty}${segments}` +
      `<text x="${labelWidth + barWidth + 8}" y="${y + 15}">${escape(text)}</text></g>`
    );
  });

  const legendY = top + rows.length * rowHeight + 8;
  const legend = SEGMENTS.map(
    ({ key, label }, index) =>
      `<rect x="${labelWidth + index * 110}" y="${legendY}" width="12" height="12" fill="${CHART_COLOURS[key]}"/><text x="${labelWidth + index * 110 + 18}" y="${legendY + 11}">${label}</text>`,
  ).join('');

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${escape(options.id)}" role="img" aria-labelledby="${titleId} ${descId}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13">` +
    `<title id="${titleId}">${escape(options.title)}</title><desc id="${descId}">${escape(options.description)}</desc>` +
    `<g role="list">${bars.join('')}</g><g class="legend" aria-hidden="true">${legend}</g></svg>`
  );
}
