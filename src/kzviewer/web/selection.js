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

    /* Draw these countries (GeoJSON features, packed or not). */
    selection.add = function (features) {
        L.geoJSON({type: "FeatureCollection", features: features.map(kz.util.unpackFeature)}, {
            style: (feature) => style(feature.properties.iso3),
            onEachFeature: bind,
        }).addTo(kz.page.map);
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

    /* A country's polygons, each a list of rings (the outline, then its holes) of LatLngs. */
    selection.polygons = function (iso3) {
        const found = [];
        for (const layer of layers[iso3] || []) {
            if (!layer.getLatLngs) continue;
            let polygons = layer.getLatLngs();
            if (L.LineUtil.isFlat(polygons)) polygons = [[polygons]];
            else if (L.LineUtil.isFlat(polygons[0])) polygons = [polygons];
            for (const rings of polygons) if (rings.length) found.push(rings);
        }
        return found;
    };

    /* Whether a point lies inside a country (in one of its polygons, outside their holes). */
    selection.contains = function (iso3, latlng) {
        return selection.polygons(iso3).some(
            (rings) => within(rings[0], latlng) && !rings.slice(1).some((hole) => within(hole, latlng)));
    };

    /* Ray casting: an odd number of edges crossed on the way east. */
    function within(ring, p) {
        let odd = false;
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const a = ring[i], b = ring[j];
            if ((a.lat > p.lat) !== (b.lat > p.lat)
                && p.lng < (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng) odd = !odd;
        }
        return odd;
    }

    function bind(feature, layer) {
        const p = feature.properties;
        (layers[p.iso3] = layers[p.iso3] || []).push(layer);
        // A function: the name is read when shown (a countries file may rename it).
        layer.bindTooltip(() => kz.util.escapeHtml(kz.util.nameOf(p.iso3)), {sticky: true, direction: "top", className: "kz-tip"});
        layer.on("click", () => selection.clicked(p.iso3));
    }

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
