// Types for `lvdong` (the <lvdong-chart> element and its module API), written
// by hand against www/lvdong.js; the data file's types (`DataFile`, `Chart`,
// …) are generated from its JSON Schema into lvdong-data.d.ts.

import type { DataFile } from './lvdong-data.js';

export type * from './lvdong-data.js';

/** This copy's version (the package's). */
export declare const version: string;

/** Page-wide limits for data files; change them before the charts load. */
export interface Settings {
  /** Milliseconds a data file may take before its chart shows an error (default 15000). */
  fetchTimeout: number;
  /** Largest data file in bytes (default 5 MiB). */
  maxBytes: number;
}
export declare const settings: Settings;

/** A BCP 47 tag: `zh`, `zh-CN`, `zh-Hans` → Chinese; `en`, `en-US`, `en-GB` → English. */
export type LangTag = 'zh' | 'en' | (string & {});
export type ThemeAttr = 'light' | 'dark' | 'auto';

/** The element's attributes (all optional but `chart`); changing one updates the chart. */
export interface LvdongChartAttributes {
  /** A chart id in the data file. */
  chart: string;
  /** The dataset (tab) shown first. */
  dataset?: string;
  /** URL of a data file; default: the built-in data. */
  src?: string;
  lang?: LangTag;
  theme?: ThemeAttr;
}

/** `mount`'s options: the attributes, or a data object instead of `src`. */
export interface MountOptions extends Partial<LvdongChartAttributes> {
  data?: DataFile;
}

/** What `mount` resolves to (also `element.handle`). */
export interface ChartHandle {
  readonly element: LvdongChart;
  /** Switches to dataset `id`; false when the chart has no such dataset. */
  setDataset(id: string): boolean;
  /** Replaces the data (checked; an invalid file shows the chart's alert and rejects). */
  setData(data: DataFile): Promise<void>;
  resize(): void;
  destroy(): void;
}

/** Appends a <lvdong-chart> to `element`; resolves once it has drawn (or failed). */
export declare function mount(element: Element, options?: MountOptions): Promise<ChartHandle>;

/** A data file the engine has checked (opaque). */
export interface EngineData {
  warnings(): string[];
  free(): void;
}
/** The shared engine, for tools that look inside it (charts never need it). */
export interface Engine {
  View: abstract new (...args: never[]) => { free(): void };
  Data: { fromText(text: string): EngineData; fromObject(data: DataFile): EngineData };
  memory: WebAssembly.Memory;
}
export declare function engine(): Promise<Engine>;

/** `lvdong-hover`'s detail: the item under the pointer or focus; null when it leaves. */
export interface HoverDetail {
  chart: string;
  dataset: string;
  /** The item's id. */
  id: string;
  label: string;
  /** In base units (yuan, kW, …). */
  value: number;
  /** The value as the tooltip shows it. */
  text: string;
}

/** `lvdong-datasetchange`'s detail. */
export interface DatasetChangeDetail {
  chart: string;
  dataset: string;
  cause: 'tab' | 'story' | 'api';
}

/** `<lvdong-chart chart="…" dataset="…" src="…" lang="zh|en" theme="light|dark|auto">` */
export declare class LvdongChart extends HTMLElement {
  static readonly observedAttributes: string[];
  static readonly version: string;
  /** Resolves when the first load has finished (drawn, or failed with its alert). */
  readonly ready: Promise<ChartHandle | null>;
  readonly handle: ChartHandle;
}

declare global {
  interface HTMLElementTagNameMap {
    'lvdong-chart': LvdongChart;
  }
  /** Both events bubble out of the element (and its shadow root) to the page. */
  interface HTMLElementEventMap {
    'lvdong-hover': CustomEvent<HoverDetail | null>;
    'lvdong-datasetchange': CustomEvent<DatasetChangeDetail>;
  }
}
