/**
 * Picks a chart for a result's shape and writes it as a Vega-Lite spec. Pure: no I/O, no clock.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from '../../ports.ts';
import { type ChartPoint, type LayoutBody, type PreparedRequest, prepare } from './chart-data.ts';
import { barLayers, groupedBarLayers, lineLayers } from './chart-layouts.ts';
import type { TimeGrain, ValueFormat } from './formats.ts';
import { stackedBarLayers } from './stacked-bar.ts';
import { CHART_CONFIG, CHART_WIDTH, VEGA_LITE_SCHEMA } from './theme.ts';

export type { TimeGrain, ValueFormat } from './formats.ts';

export type ChartKind = 'line' | 'bar' | 'stacked-bar' | 'grouped-bar' | 'none';

export interface ChartField {
  field: string;
  label: string;
}

export interface ChartRequest {
  kind: ChartKind;
  /** e.g. "Spend by brand — Gaming, Q3 2025" */
  title: string;
  /** e.g. "Source: ad_performance_daily" */
  subtitle?: string;
  x: ChartField & { type: 'temporal' | 'nominal'; grain?: TimeGrain };
  y: ChartField & { format: ValueFormat };
  /** Colour: one line per series, one stack segment per series, or one bar per group member. */
  series?: ChartField;
  /** Dates are 'YYYY-MM-DD' strings. */
  rows: Record<string, string | number | null>[];
}

export interface ResultShape {
  hasTime: boolean;
  categoryDimensions: number;
  isShare: boolean;
  rowCount: number;
  metricCount: number;
}

export function chooseChartKind(shape: ResultShape): ChartKind {
  // A single value (or nothing to plot) reads better as a sentence than as a chart.
  if (shape.rowCount <= 1 || shape.metricCount < 1) return 'none';
  if (shape.isShare) return 'stacked-bar';
  if (shape.hasTime) return 'line';
  if (shape.categoryDimensions === 1) return 'bar';
  if (shape.categoryDimensions >= 2) return 'grouped-bar';
  return 'none';
}

/** A Vega-Lite spec for the request, or null when there is nothing worth drawing. */
export function buildChartSpec(req: ChartRequest): ChartSpec | null {
  if (req.kind === 'none' || req.rows.length === 0) return null;
  const prepared = prepare(req);
  if (!prepared.points.some((p: ChartPoint) => p.y !== null)) return null;

  const body = layoutFor(req.kind, prepared);
  if (!body) return null;

  const subtitle = [req.subtitle, ...body.notes].filter(
    (line): line is string => typeof line === 'string' && line.length > 0,
  );
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle.length > 0 ? { text: req.title, subtitle } : { text: req.title },
    width: CHART_WIDTH,
    height: body.height,
    data: { values: body.values },
    layer: body.layers,
    config: CHART_CONFIG,
  };
  // ChartSpec is the port's plain-JSON view of the same object.
  return spec as unknown as ChartSpec;
}

function layoutFor(kind: ChartKind, prepared: PreparedRequest): LayoutBody | null {
  switch (kind) {
    case 'line':
      return lineLayers(prepared);
    case 'bar':
      return barLayers(prepared);
    case 'stacked-bar':
      return stackedBarLayers(prepared);
    case 'grouped-bar':
      return groupedBarLayers(prepared);
    case 'none':
      return null;
  }
}
