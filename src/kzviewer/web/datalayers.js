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
    const NAMED = 200;              // a layer with more features names them only under the mouse

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
        let added = false;
        for (const id of wanted) {
            if (layers[id].kind !== "features") continue;
            drawn[id] = drawn[id] || make(id);
            if (!map.hasLayer(drawn[id])) {
                drawn[id].addTo(map);
                added = true;
            }
        }
        shown = wanted;
        if (added) kz.overlays.raise();  // under the arrows again (a slide with none costs nothing)
        // The credit line: the map's, then each source shown as a sentence of its own.
        const sources = [...new Set(wanted.map((id) => layers[id].source).filter(Boolean))];
        const line = kz.util.escapeHtml([kz.page.data.credit, ...sources]
            .map((s) => (/[.!?]$/.test(s) ? s : s + ".")).join(" "));
        if (line !== credit) {
            map.attributionControl.removeAttribution(credit);
            map.attributionControl.addAttribution((credit = line));
        }
    };

    /* Above the countries (kz.overlays.raise calls this). */
    data.raise = function () {
        for (const id of shown) if (drawn[id]) drawn[id].bringToFront();
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

    /* The names features carry (a layer's label_field), for kz.overlays to
     * write and kz.labels to place; a layer of more than NAMED features names
     * them only under the mouse. */
    data.names = function () {
        const found = [];
        for (const id of shown) {
            const layer = layers[id];
            if (layer.kind !== "features" || !layer.labelField || layer.features.length > NAMED) continue;
            for (const feature of layer.features) {
                const text = feature.properties[layer.labelField];
                if (text && feature.geometry) found.push([anchor(feature.geometry), String(text)]);
            }
        }
        return found;
    };

    /* The legend's rows of the layers shown: [{color, text, kind: "line" | "point" | "area"}]. */
    data.legend = function () {
        const rows = [];
        for (const id of shown) {
            const layer = layers[id];
            if (layer.kind === "features") {
                rows.push({color: layer.color, text: layer.label, kind: layer.shape});
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
        const title = nameOf(layer, p);
        const rows = layer.fields.map((f) => "<tr><td>" + e(f) + "</td><td>" + e(p[f] || "") + "</td></tr>").join("");
        return "<h2>" + e(title) + "</h2><p>" + e(layer.label) + "</p>" + (rows ? "<table>" + rows + "</table>" : "")
            + (layer.source ? "<p style='color:#555;font-size:small'>" + e(layer.source) + "</p>" : "");
    };

    /* A layer's points as one path on the canvas: a hundred thousand dots
     * drawn in one pass, found under the mouse through a grid, not as as many
     * Leaflet markers (seconds to draw and to zoom).  `hit` is the index of the
     * feature under the mouse at the last look. */
    const Dots = L.Path.extend({
        initialize: function (points, owners, options) {
            L.setOptions(this, options);
            this._latLngs = points;         // L.LatLng each
            this._owners = owners;          // the feature each point belongs to
            this.hit = null;
        },
        getBounds: function () {
            return L.latLngBounds(this._latLngs);
        },
        _project: function () {
            const map = this._map, r = this.options.radius + this.options.weight, cell = 2 * r + 4;
            this._points = this._latLngs.map((ll) => map.latLngToLayerPoint(ll));
            this._grid = new Map();
            this._points.forEach((p, i) => {
                const key = Math.floor(p.x / cell) + "," + Math.floor(p.y / cell);
                (this._grid.get(key) || this._grid.set(key, []).get(key)).push(i);
            });
            this._cell = cell;
            const box = this._points.length ? L.bounds(this._points) : null;  // the dots' own edges too
            this._pxBounds = box && L.bounds(box.min.subtract([r, r]), box.max.add([r, r]));
        },
        _update: function () {
            if (this._map) this._updatePath();
        },
        _updatePath: function () {
            this._renderer._updateDots(this);
        },
        _empty: function () {
            return !this._points || !this._points.length;
        },
        _containsPoint: function (p) {
            const cx = Math.floor(p.x / this._cell), cy = Math.floor(p.y / this._cell);
            let best = null, distance = this.options.radius + this.options.weight / 2 + 2;
            for (let dx = -1; dx <= 1; dx++) {
                for (let dy = -1; dy <= 1; dy++) {
                    for (const i of this._grid.get((cx + dx) + "," + (cy + dy)) || []) {
                        const d = p.distanceTo(this._points[i]);
                        if (d <= distance) {
                            distance = d;
                            best = i;
                        }
                    }
                }
            }
            this.hit = best === null ? null : this._owners[best];
            return best !== null;
        },
    });
    data.Dots = Dots;  // kz.drawing prints them
    // One path of many circles: filled and stroked once.
    L.Canvas.include({
        _updateDots: function (layer) {
            if (!this._drawing || layer._empty()) return;
            const ctx = this._ctx, r = layer.options.radius;
            ctx.beginPath();
            for (const p of layer._points) {
                ctx.moveTo(p.x + r, p.y);
                ctx.arc(p.x, p.y, r, 0, Math.PI * 2, false);
            }
            this._fillStroke(ctx, layer);
        },
    });

    function make(id) {
        const layer = layers[id];
        if (layer.shape === "point") return makeDots(id);
        const style = {color: layer.color, weight: layer.width, opacity: 0.95, fillColor: layer.color, fillOpacity: 0.35};
        let index = 0;
        return L.geoJSON({type: "FeatureCollection", features: layer.features}, {
            style: () => style,
            pointToLayer: (feature, latLng) => L.circleMarker(latLng, dotStyle(layer)),
            onEachFeature: function (feature, leaflet) {
                const n = index++;
                leaflet.bindTooltip(() => kz.util.escapeHtml(nameOf(layer, feature.properties)), {sticky: true, className: "kz-tip"});
                leaflet.on("click", function (event) {
                    L.DomEvent.stopPropagation(event);
                    data.clicked(id, n);
                });
            },
        });
    }

    function makeDots(id) {
        const layer = layers[id], points = [], owners = [];
        layer.features.forEach(function (feature, index) {
            const g = feature.geometry;
            for (const [lon, lat] of g.type === "Point" ? [g.coordinates] : g.coordinates) {
                points.push(L.latLng(lat, lon));
                owners.push(index);
            }
        });
        const dots = new Dots(points, owners, Object.assign({fill: true}, dotStyle(layer)));
        const hitName = () => kz.util.escapeHtml(nameOf(layer, dots.hit === null ? {} : layer.features[dots.hit].properties));
        dots.bindTooltip(hitName, {sticky: true, className: "kz-tip"});
        dots.on("mousemove", () => dots.setTooltipContent(hitName()));
        dots.on("click", function (event) {
            L.DomEvent.stopPropagation(event);
            if (dots.hit !== null) data.clicked(id, dots.hit);
        });
        return dots;
    }

    /* How a layer's points are drawn: dots of its colour, ringed dark. */
    function dotStyle(layer) {
        return {radius: layer.width + 2, color: "#222222", weight: 1.5, fillColor: layer.color, fillOpacity: 0.95};
    }

    /* A feature's name: its label field's value, else its layer's label. */
    function nameOf(layer, properties) {
        return (layer.labelField && properties[layer.labelField]) || layer.label;
    }

    /* Where a feature's name goes: a point's point, a line's middle vertex, the middle of an area's box. */
    function anchor(g) {
        const at = ([lon, lat]) => L.latLng(lat, lon);
        if (g.type === "Point") return at(g.coordinates);
        const depth = {MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3}[g.type] || 1;
        const points = g.coordinates.flat(depth - 1);
        if (/Polygon/.test(g.type)) return L.latLngBounds(points.map(at)).getCenter();
        return at(points[Math.floor(points.length / 2)]);
    }
})();
