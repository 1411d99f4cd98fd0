/**
 * Renders Vega-Lite specs to PNG without a browser or native canvas: Vega-Lite compiles to Vega,
 * a headless Vega view writes SVG, and resvg rasterises it with fonts shipped in node_modules,
 * so text is drawn even on a machine with no system fonts.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import { logger, parse, Error as VegaErrorLevel, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT_FAMILY } from '../../domain/charts/theme.ts';
import { ScoutError } from '../../errors.ts';
import type { ChartRenderer, ChartSpec } from '../../ports.ts';
import { type FontFace, loadFontFace, measureText, numericWeight } from './font-metrics.ts';

const FONT_PACKAGE = '@expo-google-fonts/ibm-plex-sans';
/** Regular for labels, SemiBold for titles (the theme uses weight 600), Bold for anything asking for `bold`. */
const FONT_FACES = ['400Regular', '600SemiBold', '700Bold'];

/** 2x zoom keeps text crisp on high-density screens, where Slack shows most images. */
const ZOOM = 2;

export interface VegaPngRendererOptions {
  /** TTF/OTF files to draw text with. Defaults to IBM Plex Sans from its npm package. */
  fontFiles?: string[];
}

/** Paths of the shipped IBM Plex Sans faces (the family the chart theme names). */
export function defaultFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  return FONT_FACES.map((face) => require.resolve(`${FONT_PACKAGE}/${face}/IBMPlexSans_${face}.ttf`));
}

/** The part of a Vega text item that text measurement reads. */
interface TextItem {
  fontSize?: number;
  fontWeight?: unknown;
  limit?: number;
}

/** vega-scenegraph's text measurement hook; it exists at run time but vega's typings omit it. */
interface VegaTextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

/**
 * Vega packages that measure text, each through its own copy of vega-scenegraph: npm may nest
 * different versions under them (it does with vega 6.3), and layout, labels and truncation each
 * read their own copy's `textMetrics`. Each chain is resolved from `vega` one package at a time.
 */
const MEASURING_PACKAGES = [
  ['vega-view'],
  ['vega-view-transforms'],
  ['vega-label'],
  ['vega-functions'],
  ['vega-parser', 'vega-functions'],
];

async function textMetricsHooks(): Promise<VegaTextMetrics[]> {
  const require = createRequire(import.meta.url);
  const paths = new Set<string>();
  for (const chain of MEASURING_PACKAGES) {
    try {
      let from = require.resolve('vega');
      for (const pkg of chain) from = createRequire(from).resolve(pkg);
      paths.add(createRequire(from).resolve('vega-scenegraph'));
    } catch {
      // This install has no such package: nothing to patch there.
    }
  }
  const modules = await Promise.all(
    // Dynamic import is typed `any`; only the textMetrics hook is read, and checked before use.
    [...paths].map(async (path) => (await import(pathToFileURL(path).href)) as { textMetrics?: unknown }),
  );
  return modules.map((m) => m.textMetrics).filter(isTextMetrics);
}

function isTextMetrics(value: unknown): value is VegaTextMetrics {
  return typeof value === 'object' && value !== null && 'width' in value;
}

/**
 * Makes Vega measure text with the fonts resvg will draw, instead of its 0.8 em-per-character guess
 * (without it, axis titles and legends sit far from their labels). The hook is process-wide, as
 * vl-convert also uses it; every renderer installs the same kind of measure, so the last one wins.
 */
async function useFontMetrics(faces: FontFace[]): Promise<void> {
  if (faces.length === 0) return;
  const width = (item: TextItem, text: unknown): number => {
    const value = text === null || text === undefined ? '' : String(text).trim();
    const measured = measureText(faces, value, item.fontSize ?? 11, numericWeight(item.fontWeight));
    // Vega truncates text longer than `limit` to fit it, so its drawn width never exceeds it.
    return item.limit && item.limit > 0 ? Math.min(measured, item.limit) : measured;
  };
  for (const hook of await textMetricsHooks()) hook.width = width;
}

export function createVegaPngRenderer(options: VegaPngRendererOptions = {}): ChartRenderer {
  // Fonts are found, read and handed to Vega on first use, so that creating a renderer does no I/O.
  let ready: Promise<ResvgRenderOptions> | undefined;
  const setUp = async (): Promise<ResvgRenderOptions> => {
    const fontFiles = options.fontFiles ?? defaultFontFiles();
    await useFontMetrics(fontFiles.map(loadFontFace));
    return {
      font: {
        fontFiles,
        loadSystemFonts: false,
        defaultFontFamily: CHART_FONT_FAMILY,
        sansSerifFamily: CHART_FONT_FAMILY,
      },
      fitTo: { mode: 'zoom', value: ZOOM },
      background: '#FFFFFF',
      logLevel: 'off',
    };
  };

  return {
    async renderPng(spec: ChartSpec): Promise<Uint8Array> {
      try {
        ready ??= setUp().catch((error: unknown) => {
          ready = undefined; // let the next chart try again
          throw error;
        });
        const resvgOptions = await ready;
        const svg = await toSvg(spec);
        // renderAsync rasterises on libuv's thread pool, keeping the event loop free for Slack.
        const image = await renderAsync(svg, resvgOptions);
        return new Uint8Array(image.asPng());
      } catch (error) {
        throw new ScoutError('chart_failed', `Chart rendering failed: ${messageOf(error)}`, {
          cause: error,
          userMessage: 'I could not draw the chart for this answer.',
        });
      }
    },
  };
}

async function toSvg(spec: ChartSpec): Promise<string> {
  const quiet = logger(VegaErrorLevel);
  // The port carries specs as plain JSON; Vega-Lite validates the shape while compiling.
  const { spec: vegaSpec } = compile(spec as unknown as TopLevelSpec, { logger: quiet });
  const view = new View(parse(vegaSpec), { renderer: 'none', logger: quiet });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
