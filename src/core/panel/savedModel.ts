import { type PanelMetric, type PanelModel, type SavedPanelModel } from './panelMessages';

/**
 * The page keeps its forecast with `setState`, which VS Code writes as JSON: a typed array
 * would come back as an object of indices. So the saved model holds its series as number
 * arrays, and the page turns them back into typed arrays when it restores one.
 */
export function toSavedModel(model: PanelModel): SavedPanelModel {
  return {
    ...model,
    metrics: model.metrics.map((m) => ({
      ...m,
      history: { ...m.history, values: Array.from(m.history.values) },
      forecast: {
        t: Array.from(m.forecast.t),
        value: Array.from(m.forecast.value),
        lower: Array.from(m.forecast.lower),
        upper: Array.from(m.forecast.upper),
      },
    })),
  };
}

/** A saved model as the page draws it: its series as typed arrays again. */
export function fromSavedModel(saved: SavedPanelModel): PanelModel {
  return {
    ...saved,
    metrics: saved.metrics.map((m): PanelMetric => ({
      ...m,
      history: { ...m.history, values: Float64Array.from(m.history.values) },
      forecast: {
        t: Float64Array.from(m.forecast.t),
        value: Float64Array.from(m.forecast.value),
        lower: Float64Array.from(m.forecast.lower),
        upper: Float64Array.from(m.forecast.upper),
      },
    })),
  };
}
