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
        groups.borders.eachLayer((line) => borders.push({key: line.kzKey, weight: line.options.weight, color: line.options.color}));
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

    /* The design's cartography rules (design.md, "Cartography"), measured on
     * the map as laid out now, for a slide's map state (as Python writes it):
     *   missed    highlighted countries at least 40 x 14 px on screen whose names are hidden
     *   hidden    names of places and arrows hidden
     *   overlaps  pairs of visible names (countries', places', arrows') and the map's controls
     *             (legend, scale, credit, zoom buttons) whose boxes overlap
     *   fill      for a fit: the share of the pane's width or height (the larger)
     *             that what it frames spans (its countries' boxes, its places, its arrows' names)
     *   cramped   whether the fit had to leave room for the legend (it lay over the
     *             fitted countries in every corner)
     *   under     fitted countries the legend lies over within their boxes (which leave out far
     *             islands): a grid of points over the legend tested against their shapes */
    kz.cartography = function (state) {
        const map = kz.page.map, size = map.getSize(), pane = map.getContainer().getBoundingClientRect();
        const missed = [], hidden = [], boxes = [];
        for (const el of document.querySelectorAll(".kz-label, .kz-place, .kz-link")) {
            const name = el.dataset.iso3 || el.textContent;
            if (el.style.visibility !== "hidden") {
                const r = el.getBoundingClientRect();
                boxes.push([name, r.left, r.top, r.right, r.bottom]);
            } else if (!el.dataset.iso3) {
                hidden.push(name);
            } else {
                const [s, w, n, e] = kz.page.countries[name].bbox;
                const a = map.latLngToContainerPoint([n, w]), b = map.latLngToContainerPoint([s, e]);
                if (Math.min(b.x, size.x) - Math.max(a.x, 0) >= 40 && Math.min(b.y, size.y) - Math.max(a.y, 0) >= 14) {
                    missed.push(name);
                }
            }
        }
        // The map's controls too: no name under the legend, the scale or the
        // credit, and the scale and the credit clear of each other.
        for (const el of document.querySelectorAll(".leaflet-control")) {
            const r = el.getBoundingClientRect();
            const kind = ["legend", "scale", "attribution", "zoom"].find((k) => el.className.includes(k)) || el.className;
            if (r.width && r.height) boxes.push(["(" + kind + ")", r.left, r.top, r.right, r.bottom]);
        }
        const overlaps = [];
        boxes.forEach((p, i) => boxes.slice(0, i).forEach((q) => {
            if (p[1] < q[3] && q[1] < p[3] && p[2] < q[4] && q[2] < p[4]) overlaps.push(q[0] + "/" + p[0]);
        }));

        let fill = null;
        const under = [];
        let bounds = null;
        for (const iso3 of state.fit) {
            const info = kz.page.countries[iso3];
            if (!info) continue;
            const [s, w, n, e] = info.bbox, box = L.latLngBounds([s, w], [n, e]);
            bounds = bounds ? bounds.extend(box) : box;
        }
        if (bounds) {
            for (const key of state.places) {
                const place = kz.page.data.places[key];
                if (place) bounds.extend([place.lat, place.lon]);
            }
            const a = map.latLngToContainerPoint(bounds.getNorthWest()), b = map.latLngToContainerPoint(bounds.getSouthEast());
            const box = [a.x, a.y, b.x, b.y];
            for (const name of kz.overlays.linkNames(state)) {
                const p = map.latLngToContainerPoint(name.latLng);
                box[0] = Math.min(box[0], p.x - name.width / 2);
                box[1] = Math.min(box[1], p.y - name.height / 2);
                box[2] = Math.max(box[2], p.x + name.width / 2);
                box[3] = Math.max(box[3], p.y + name.height / 2);
            }
            fill = Math.max((box[2] - box[0]) / size.x, (box[3] - box[1]) / size.y);
            const legend = document.querySelector(".kz-legend");
            if (legend && legend.offsetParent) {
                const r = legend.getBoundingClientRect();
                for (let i = 0; i <= 10; i++) {
                    for (let j = 0; j <= 5; j++) {
                        const at = map.containerPointToLatLng([r.left - pane.left + r.width * i / 10, r.top - pane.top + r.height * j / 5]);
                        for (const iso3 of state.fit) {
                            const [s, w, n, e] = kz.page.countries[iso3].bbox;
                            const framed = at.lat >= s && at.lat <= n && at.lng >= w && at.lng <= e;
                            if (framed && !under.includes(iso3) && kz.selection.contains(iso3, at)) under.push(iso3);
                        }
                    }
                }
            }
        }
        return {missed: missed, hidden: hidden, overlaps: overlaps, fill: fill, under: under, cramped: kz.frame.cramped};
    };
})();
