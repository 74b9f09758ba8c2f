/* The countries: drawn muted, or in their group's colour when the slide
 * highlights them; the selected one outlined.  A click on a country is
 * handed to kz.selection.clicked (map.js sends it to Python).
 */
(function () {
    "use strict";

    const kz = window.kz;
    const MUTED = "#e4e0d6";        // land the slide does not talk about
    const MUTED_EDGE = "#ffffff";
    const UNGROUPED = "#9a9a9a";    // highlighted, but in no group of the deck
    const EDGE = "#3a3a3a";
    const OUTLINE = "#111111";

    const layers = {};              // iso3 -> [layer, ...]
    let highlighted = new Set();
    let selected = null;            // the iso3 outlined, or null

    const selection = (kz.selection = {
        layers: layers,
        MUTED: MUTED,
        clicked: function () {},
    });

    let drawn = null;               // the countries drawn: one tooltip and one click handler for all
    let waiting = [];               // the countries made, not drawn yet

    /* Make the countries (features with a packed shape), none drawn yet:
     * kz.selection.contains knows them all from now on. */
    selection.init = function (map, features) {
        drawn = L.featureGroup().addTo(map);
        // A function: the name is read when shown (a countries file may rename it).
        drawn.bindTooltip((layer) => kz.util.escapeHtml(kz.util.nameOf(layer.iso3)), {sticky: true, direction: "top", className: "kz-tip"});
        drawn.on("click", (event) => selection.clicked(event.layer.iso3));
        for (const feature of features) {
            const p = feature.properties, shape = new kz.Shape(feature.shape, true, style(p.iso3));
            shape.iso3 = p.iso3;
            shape.bbox = p.bbox;
            (layers[p.iso3] = layers[p.iso3] || []).push(shape);
            waiting.push(shape);
        }
    };

    /* Draw the countries not drawn yet whose box meets `bounds` (a
     * LatLngBounds; all of them if null). */
    selection.draw = function (bounds) {
        const now = [], later = [];
        const [south, west, north, east] = bounds ? [bounds.getSouth(), bounds.getWest(), bounds.getNorth(), bounds.getEast()] : [];
        for (const shape of waiting) {
            const [s, w, n, e] = shape.bbox;
            (!bounds || (s <= north && n >= south && w <= east && e >= west) ? now : later).push(shape);
        }
        waiting = later;
        for (const shape of now) drawn.addLayer(shape);
        if (now.length) kz.overlays.raise();
    };

    /* Unpack these countries' outlines now, rather than when first needed. */
    selection.outlines = function (codes) {
        for (const iso3 of codes) for (const shape of layers[iso3] || []) shape.outlines();
    };

    /* Colour the countries a map state highlights, and outline `iso3`. */
    selection.show = function (codes, iso3) {
        highlighted = new Set(codes);
        selected = iso3 && layers[iso3] ? iso3 : null;
        for (const code in layers) {
            for (const layer of layers[code]) layer.setStyle(style(code));
        }
        if (selected) bringToFront(selected);
    };

    /* Outline one country (null: none), leaving the others as they are. */
    selection.select = function (iso3) {
        const previous = selected;
        selected = iso3 && layers[iso3] ? iso3 : null;
        for (const code of [previous, selected]) {
            if (!code) continue;
            for (const layer of layers[code]) layer.setStyle(style(code));
        }
        if (selected) bringToFront(selected);
    };

    selection.selected = function () {
        return selected;
    };

    /* Whether a point lies inside a country. */
    selection.contains = function (iso3, latlng) {
        const p = kz.page.map.project(latlng, 0);
        return (layers[iso3] || []).some((shape) => shape.holds(p.x, p.y));
    };

    /* Whether a point of a country's outline lies within `box` (in pixels at zoom 0: [minX, minY, maxX, maxY]). */
    selection.anyPoint = function (iso3, box) {
        return (layers[iso3] || []).some((shape) => shape.anyPoint(box));
    };

    function bringToFront(iso3) {
        for (const layer of layers[iso3]) layer.bringToFront();
        kz.overlays.raise();
    }

    function style(iso3) {
        const isSelected = iso3 === selected;
        const value = kz.data.fill(iso3);
        if (value) {  // a choropleth's colour fills it; the slide's highlight outlines it
            const outlined = highlighted.has(iso3);
            return {
                fillColor: value, fillOpacity: 0.9,
                color: isSelected || outlined ? OUTLINE : MUTED_EDGE, weight: isSelected ? 3 : outlined ? 2 : 0.7,
            };
        }
        if (!highlighted.has(iso3)) {
            return {
                fillColor: MUTED, fillOpacity: 1,
                color: isSelected ? OUTLINE : MUTED_EDGE, weight: isSelected ? 3 : 0.7,
            };
        }
        const data = kz.page.data;
        const group = data.groups[data.countries[iso3]];
        return {
            fillColor: group ? group.color : UNGROUPED, fillOpacity: 0.85,
            color: isSelected ? OUTLINE : EDGE, weight: isSelected ? 3 : 0.8,
        };
    }
})();
