// The JS side of ApexChart.razor: create / update / destroy, nothing on window.
// ApexCharts is the ES module build copied from npm into wwwroot/lib by the build (no CDN).
import ApexCharts from '../../lib/apexcharts/apexcharts.esm.js';

// Named formatters: options can carry a string "fmt:<name>" where ApexCharts expects a function (JSON cannot carry functions).
const formatters = {
    'fmt:integer': v => v == null || isNaN(v) ? '' : Math.round(Number(v)).toLocaleString('zh-CN'),
    'fmt:percent': v => v == null || isNaN(v) ? '–' : `${Number(v).toFixed(1)}%`,
    'fmt:percent0': v => v == null || isNaN(v) ? '–' : `${Math.round(Number(v))}%`,
    'fmt:none': () => '',
};

function revive(value) {
    if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(formatters, value)) {
        return formatters[value];
    }
    if (Array.isArray(value)) {
        return value.map(revive);
    }
    if (value && typeof value === 'object') {
        const result = {};
        for (const [key, inner] of Object.entries(value)) {
            result[key] = revive(inner);
        }
        return result;
    }
    return value;
}

/** Creates and renders a chart in the element; returns the chart (held by .NET as a JS object reference). */
export async function create(element, optionsJson, seriesJson) {
    const options = revive(JSON.parse(optionsJson));
    options.series = JSON.parse(seriesJson);
    const chart = new ApexCharts(element, options);
    await chart.render();
    return chart;
}

/** Replaces the series in place (animated transition, no redraw of the chart). */
export function updateSeries(chart, seriesJson) {
    chart?.updateSeries(JSON.parse(seriesJson), true);
}

/** Merges changed options (categories, labels, colours) and the series in place, without redrawing paths from zero. */
export function updateOptions(chart, optionsJson, seriesJson) {
    if (!chart) {
        return;
    }
    const options = revive(JSON.parse(optionsJson));
    options.series = JSON.parse(seriesJson);
    chart.updateOptions(options, false, true, false);
}

export function destroy(chart) {
    chart?.destroy();
}
