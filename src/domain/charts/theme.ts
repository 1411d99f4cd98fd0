/**
 * Look of every Scout chart: one font the PNG renderer ships, calm colours, readable sizes.
 * Pure data: the renderer must load a font whose family name equals CHART_FONT_FAMILY.
 */
import type { Config } from 'vega-lite';

export const CHART_FONT_FAMILY = 'IBM Plex Sans';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Plot width in pixels; Slack shows images up to about this wide without scaling them down. */
export const CHART_WIDTH = 640;

/** Tableau 10: distinguishable, colour-blind aware and not loud. */
export const PALETTE = [
  '#4E79A7',
  '#F28E2B',
  '#59A14F',
  '#E15759',
  '#76B7B2',
  '#EDC948',
  '#B07AA1',
  '#FF9DA7',
  '#9C755F',
  '#BAB0AC',
] as const;

/** Palette entries on which white text is hard to read (used for labels inside stacked bars). */
const LIGHT_COLOURS = new Set(['#76B7B2', '#EDC948', '#FF9DA7', '#BAB0AC']);

/**
 * Axis of category names: long names are cut at 220 px with an ellipsis. Vega caps an axis's
 * extent at 200 px unless told otherwise, which would put the axis title over the labels.
 */
export const CATEGORY_AXIS = { labelLimit: 220, maxExtent: 240 } as const;

export const INK = '#1F2937';
const INK_SOFT = '#4B5563';
const RULE = '#E5E7EB';

export function paletteColour(index: number): string {
  return PALETTE[index % PALETTE.length] ?? PALETTE[0];
}

export function textColourOn(background: string): string {
  return LIGHT_COLOURS.has(background) ? INK : '#FFFFFF';
}

export const CHART_CONFIG: Config = {
  font: CHART_FONT_FAMILY,
  background: '#FFFFFF',
  padding: 16,
  view: { stroke: null },
  title: {
    anchor: 'start',
    color: INK,
    fontSize: 16,
    fontWeight: 600,
    subtitleColor: INK_SOFT,
    subtitleFontSize: 12,
    subtitlePadding: 4,
    offset: 14,
  },
  axis: {
    labelColor: INK_SOFT,
    labelFontSize: 12,
    titleColor: INK,
    titleFontSize: 12,
    titleFontWeight: 600,
    titlePadding: 10,
    domainColor: '#9CA3AF',
    tickColor: '#9CA3AF',
    gridColor: RULE,
  },
  legend: {
    labelColor: INK_SOFT,
    labelFontSize: 12,
    titleColor: INK,
    titleFontSize: 12,
    titleFontWeight: 600,
    symbolType: 'circle',
    symbolSize: 90,
    orient: 'top',
    direction: 'horizontal',
    columnPadding: 16,
  },
  text: { fontSize: 11 },
  range: { category: [...PALETTE] },
};
