/* A deck's own data on the map (kzviewer/mapping/layers.py sends it):
 * features drawn in their layer's colour, and countries coloured by a
 * choropleth, each shown by the slides whose map state lists it, with its
 * rows in the legend and its source in the credit line.  A click on a
 * feature is handed to kz.data.clicked (map.js tells Python).
 */
(function () {
    "use strict";

    const kz = window.kz;
    let layers = {};                // id -> what Python sent
    const drawn = {};               // id -> the Leaflet layer of a features layer, made when first shown
    let shown = [];                 // the ids shown now, in the map state's order
    let credit = null;              // the credit line now (HTML)

    const data = (kz.data = {
        clicked: function () {},    // (id, index of the feature)
    });

    data.init = function (config) {
        layers = config || {};
        credit = kz.util.escapeHtml(kz.page.data.credit);  // the map's own, there from the start
    };

    /* Show the layers a map state lists, hide the others. */
    data.draw = function (state) {
        const map = kz.page.map;
        const wanted = (state.layers || []).filter((id) => layers[id]);
        for (const id of shown) {
            if (!wanted.includes(id) && drawn[id]) map.removeLayer(drawn[id]);
        }
        for (const id of wanted) {
            if (layers[id].kind !== "features") continue;
            drawn[id] = drawn[id] || make(id);
            if (!map.hasLayer(drawn[id])) drawn[id].addTo(map);
        }
        shown = wanted;
        kz.overlays.raise();
        // The credit line: the map's, then each source shown as a sentence of its own.
        const sources = [...new Set(wanted.map((id) => layers[id].source).filter(Boolean))];
        const line = [kz.page.data.credit, ...sources].map((s) => (/[.!?]$/.test(s) ? s : s + ".")).join(" ");
        map.attributionControl.removeAttribution(credit);
        credit = kz.util.escapeHtml(line);
        map.attributionControl.addAttribution(credit);
    };

    /* Above the countries (kz.overlays.raise calls this). */
    data.raise = function () {
        for (const id of shown) if (drawn[id]) drawn[id].eachLayer((layer) => layer.bringToFront && layer.bringToFront());
    };

    /* A country's colour in the choropleth shown (the first that has it), or null. */
    data.fill = function (iso3) {
        for (const id of shown) {
            const layer = layers[id];
            if (layer.kind === "choropleth" && layer.fills[iso3]) return layer.fills[iso3];
        }
        return null;
    };

    /* A country's value in the choropleths shown: [{label, value, unit}]. */
    data.values = function (iso3) {
        return shown.filter((id) => layers[id].kind === "choropleth" && iso3 in layers[id].values)
            .map((id) => ({label: layers[id].label, value: layers[id].values[iso3], unit: layers[id].unit}));
    };

    /* The names features carry (a layer's label_field), for kz.overlays to write and kz.labels to place. */
    data.names = function () {
        const found = [];
        for (const id of shown) {
            const layer = layers[id];
            if (layer.kind !== "features" || !layer.labelField) continue;
            drawn[id].eachLayer(function (leaflet) {
                const text = leaflet.feature.properties[layer.labelField];
                if (text) found.push([anchor(leaflet), String(text)]);
            });
        }
        return found;
    };

    /* The legend's rows of the layers shown: [{color, text, kind: "line" | "point" | "area"}]. */
    data.legend = function () {
        const rows = [];
        for (const id of shown) {
            const layer = layers[id];
            if (layer.kind === "features") {
                rows.push({color: layer.color, text: layer.label, kind: kindOf(layer)});
            } else {
                rows.push({color: null, text: layer.label + (layer.unit ? " (" + layer.unit + ")" : ""), kind: "title"});
                for (const [color, text] of layer.legend) rows.push({color: color, text: text, kind: "area"});
            }
        }
        return rows;
    };

    /* A feature's report for the panel of a page with no Python (the handout). */
    data.report = function (id, index) {
        const layer = layers[id], feature = layer && layer.features && layer.features[index];
        if (!feature) return "";
        const e = kz.util.escapeHtml, p = feature.properties;
        const title = layer.labelField && p[layer.labelField] ? p[layer.labelField] : layer.label;
        const rows = layer.fields.map((f) => "<tr><td>" + e(f) + "</td><td>" + e(p[f] || "") + "</td></tr>").join("");
        return "<h2>" + e(title) + "</h2><p>" + e(layer.label) + "</p>" + (rows ? "<table>" + rows + "</table>" : "")
            + (layer.source ? "<p style='color:#555;font-size:small'>" + e(layer.source) + "</p>" : "");
    };

    function make(id) {
        const layer = layers[id];
        const style = {color: layer.color, weight: layer.width, opacity: 0.95, fillColor: layer.color, fillOpacity: 0.35};
        const dot = {radius: layer.width + 2, color: "#222222", weight: 1.5, fillColor: layer.color, fillOpacity: 0.95};
        let index = 0;
        return L.geoJSON({type: "FeatureCollection", features: layer.features}, {
            style: () => style,
            pointToLayer: (feature, latLng) => L.circleMarker(latLng, dot),
            onEachFeature: function (feature, leaflet) {
                const n = index++;
                const name = layer.labelField && feature.properties[layer.labelField];
                leaflet.bindTooltip(() => kz.util.escapeHtml(name || layer.label), {sticky: true, className: "kz-tip"});
                leaflet.on("click", function (event) {
                    L.DomEvent.stopPropagation(event);
                    data.clicked(id, n);
                });
            },
        });
    }

    /* Where a feature's name goes: a point's point, a line's middle vertex, an area's centre. */
    function anchor(leaflet) {
        if (leaflet.getLatLng) return leaflet.getLatLng();
        const points = L.LineUtil.isFlat(leaflet.getLatLngs()) ? leaflet.getLatLngs() : leaflet.getLatLngs().flat(2);
        return leaflet instanceof L.Polygon ? leaflet.getBounds().getCenter() : points[Math.floor(points.length / 2)];
    }

    function kindOf(layer) {
        const types = new Set(layer.features.map((f) => f.geometry && f.geometry.type));
        if ([...types].every((t) => t === "Point" || t === "MultiPoint")) return "point";
        return [...types].every((t) => /LineString/.test(t)) ? "line" : "area";
    }
})();
