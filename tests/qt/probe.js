/* Test probes for the map page: what it shows, read off its layers.
 *
 * Injected by the tests (tests/qt/helpers.py) and the benchmarks, never
 * shipped in the page.  Reads the parts' state through the kz namespace.
 */
(function () {
    "use strict";

    const kz = window.kz;

    /* What the map shows now. */
    kz.describe = function () {
        const map = kz.page.map;
        const layers = kz.selection.layers;
        const groups = kz.overlays.groups();
        const fills = {};
        for (const iso3 in layers) {
            const color = layers[iso3][0].options.fillColor;
            if (color !== kz.selection.MUTED) fills[iso3] = color;
        }
        const borders = [];
        groups.borders.eachLayer((layer) => layer.eachLayer((line) => {
            const p = line.feature.properties;
            borders.push({key: kz.util.borderKey(p.a, p.b), weight: line.options.weight, color: line.options.color});
        }));
        const labels = [];
        kz.labels.group().eachLayer((marker) => {
            const element = marker.getElement().firstChild;
            if (element.style.visibility !== "hidden") labels.push(element.textContent);
        });
        const places = Array.from(document.querySelectorAll(".kz-place"), (element) => element.textContent);
        const legend = Array.from(groups.legend.getContainer().childNodes, (node) => node.textContent);
        // The pen's strokes: each as its points, [lat, lon] rounded.
        const ink = kz.ink.group().getLayers().map((layer) => (layer.getLatLngs ? layer.getLatLngs() : [layer.getLatLng()])
            .map((at) => [Math.round(at.lat * 1000) / 1000, Math.round(at.lng * 1000) / 1000]));
        const c = map.getCenter();
        return {
            fills: fills, borders: borders, labels: labels, places: places, legend: legend,
            // Each arrow: its line, its head and its label.
            links: groups.links.getLayers().filter((layer) => layer instanceof L.Path).length
                + document.querySelectorAll(".kz-link").length,
            selected: kz.selection.selected(), ink: ink,
            center: [c.lat, c.lng], zoom: map.getZoom(), size: [map.getSize().x, map.getSize().y],
        };
    };

    /* Where a point is in the view, in CSS pixels from its top-left corner. */
    kz.pointOf = function (lat, lon) {
        const p = kz.page.map.latLngToContainerPoint([lat, lon]);
        return [p.x, p.y];
    };

    /* The label point of a country, [lat, lon]. */
    kz.labelOf = function (iso3) {
        const info = kz.page.countries[iso3];
        return info ? info.label : null;
    };
})();
