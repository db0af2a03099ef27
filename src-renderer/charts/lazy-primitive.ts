import type {
  IChartApiBase,
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  PrimitivePaneViewZOrder,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from 'lightweight-charts';

export type RenderTarget = Parameters<IPrimitivePaneRenderer['draw']>[0];

/**
 * A series primitive with one pane view whose screen work waits for the frame: the chart calls
 * updateAllViews whenever anything moved (often several times per update), which only marks the
 * primitive stale; the frame's renderer request runs `prepare` once, then `draw`. Holds the
 * chart, the series and the redraw request while attached.
 */
export abstract class LazyPrimitive implements ISeriesPrimitive<Time> {
  protected chart: IChartApiBase<Time> | null = null;
  protected series: ISeriesApi<SeriesType, Time> | null = null;
  /** Asks the chart for a redraw (a full invalidation); null while detached. */
  protected requestUpdate: (() => void) | null = null;
  /** Whether `prepare` must run before the next draw. */
  protected stale = true;
  private readonly views: readonly IPrimitivePaneView[];

  constructor(zOrder: PrimitivePaneViewZOrder) {
    const renderer: IPrimitivePaneRenderer = { draw: (target) => this.draw(target) };
    this.views = [
      {
        zOrder: () => zOrder,
        renderer: () => {
          if (this.stale) {
            this.stale = false;
            this.prepare();
          }
          return renderer;
        },
      },
    ];
  }

  attached({ chart, series, requestUpdate }: SeriesAttachedParameter<Time>): void {
    this.chart = chart;
    this.series = series;
    this.requestUpdate = requestUpdate;
    this.stale = true;
  }

  detached(): void {
    this.chart = null;
    this.series = null;
    this.requestUpdate = null;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  updateAllViews(): void {
    this.stale = true;
  }

  /** The frame's screen work (coordinates, layout), before `draw`; at most once per change. */
  protected abstract prepare(): void;

  protected abstract draw(target: RenderTarget): void;
}
