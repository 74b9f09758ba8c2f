/* What a slide draws over the countries: its bold shared borders, its
 * places, its arrows between countries, and the legend of what is shown.
 */
(function () {
    "use strict";

    const kz = window.kz;
    const INK = "#111111";
    const ARROW = "#222222";
    const BORDER = {color: INK, weight: 5, opacity: 0.95, lineCap: "round"};
    const BORDER_SELECTED = {color: INK, weight: 9, opacity: 1, lineCap: "round"};
    const BEND = 0.18;              // how far an arrow bows aside, as a share of its length
    // Names' boxes beyond their text, as .kz-link and .kz-place in map.css
    // (DejaVu Sans's line box, padding, border); a place's name is written
    // `offset` from its point, an arrow's on it.
    const LINK_NAME = {className: "kz-link", font: "600 12px", height: 20, padding: 12};
    const PLACE_NAME = {className: "kz-place", offset: 10, height: 26, padding: 14};
    const DOT = 8;                  // a place's dot reaches this far from its point

    /* Names on the map (of places, of arrows) as one layer: each a plain
     * element placed at its point and never measured (kz.labels moves them
     * aside from one another).  A Leaflet tooltip measures itself as it
     * opens, and each marker adds listeners to the map that the map checks
     * one by one: a slide with thousands of them took time that grew with
     * the square of their number. */
    const Names = L.Layer.extend({
        /* `kind`: PLACE_NAME or LINK_NAME, their class, and how big their boxes are beyond their text. */
        initialize: function (kind) {
            this._kind = kind;
            this._names = [];  // {latLng, element, along, width}
        },
        /* A name at `latLng`; `along`: other points it may be written at, best first. */
        add: function (latLng, text, along) {
            const element = L.DomUtil.create("div", "kz-name");  // placed at the point
            L.DomUtil.create("div", this._kind.className, element).textContent = text;  // styled beside it
            const name = {latLng: L.latLng(latLng), element: element, along: along || [], width: undefined};
            this._names.push(name);
            if (this._container) this._place(name);
        },
        onAdd: function () {
            // Above the countries' names, as tooltips are.
            this._container = L.DomUtil.create("div", "kz-names", this._map.getPane("tooltipPane"));
            const fragment = document.createDocumentFragment();
            for (const name of this._names) fragment.appendChild(name.element);
            this._container.appendChild(fragment);
            this._update();
        },
        onRemove: function () {
            L.DomUtil.remove(this._container);
            this._container = null;
        },
        getEvents: function () {
            return {zoomstart: this._hide, zoom: this._update, viewreset: this._update, zoomend: this._update};
        },
        _hide: function () {  // while a zoom animates, rather than drift from their points
            this._container.style.display = "none";
        },
        _update: function () {
            for (const name of this._names) this._place(name);
            this._container.style.display = "";
        },
        _place: function (name) {
            if (!name.element.parentNode) this._container.appendChild(name.element);
            // left and top, not Leaflet's translate3d: thousands of elements
            // each on a compositing layer of its own take seconds to draw.
            const point = this._map.latLngToLayerPoint(name.latLng);
            name.element.style.left = point.x + "px";
            name.element.style.top = point.y + "px";
        },
        /* The names, for kz.labels to place: {element (the styled one), kind,
         * point and along (in the pane), width and height (CSS pixels)}. */
        names: function () {
            const map = this._map, found = [];
            if (!map) return found;
            let font = null;
            for (const name of this._names) {
                const label = name.element.firstChild;
                if (name.width === undefined) {
                    font = font || getComputedStyle(label).font;
                    name.width = kz.util.textWidth(label.textContent, font) + this._kind.padding;
                }
                found.push({element: label, kind: this._kind, point: map.latLngToContainerPoint(name.latLng),
                            along: name.along.map((latLng) => map.latLngToContainerPoint(latLng)),
                            width: name.width, height: this._kind.height});
            }
            return found;
        },
    });

    const features = {};            // border key -> feature (its shape packed; its line once drawn)
    let borders, places, links, legend;
    let state = null;               // the map state drawn
    let selectedBorder = null;      // the key of the border selected, or null
    let linksZoom = null;           // the zoom the arrows were drawn for

    const overlays = (kz.overlays = {
        DOT: DOT,
        PLACE_NAME: PLACE_NAME,
        LINK_NAME: LINK_NAME,
        borderClicked: function () {},
    });

    overlays.init = function (map, borderFeatures) {
        for (const feature of borderFeatures) {
            const p = feature.properties;
            features[kz.util.borderKey(p.a, p.b)] = feature;
        }
        borders = L.featureGroup().addTo(map);  // one tooltip and one click handler for all, as the countries
        const ends = (layer) => features[layer.kzKey].properties, name = kz.util.nameOf;
        borders.bindTooltip((layer) => kz.util.escapeHtml(name(ends(layer).a) + " – " + name(ends(layer).b)), {sticky: true, className: "kz-tip"});
        borders.on("click", function (event) {
            L.DomEvent.stopPropagation(event);
            overlays.borderClicked(ends(event.layer).a, ends(event.layer).b);
        });
        links = L.layerGroup().addTo(map);
        places = L.layerGroup().addTo(map);
        legend = makeLegend().addTo(map);
        // Drawn for the zoom (their heads are screen-sized), before the names are placed.
        map.on("moveend", () => { if (map.getZoom() !== linksZoom) drawLinks(); });
    };

    overlays.groups = function () {
        return {borders: borders, places: places, links: links, legend: legend};
    };

    /* The names of the slide's places and arrows. */
    overlays.names = function () {
        const found = [];
        for (const group of [places, links]) {
            if (!group) continue;
            group.eachLayer((layer) => { if (layer instanceof Names) found.push(...layer.names()); });
        }
        return found;
    };

    /* Where the slide's place dots are in the pane: nothing is written over them. */
    overlays.dots = function () {
        const map = kz.page.map, found = [];
        if (!places) return found;
        places.eachLayer((layer) => {
            if (!(layer instanceof L.CircleMarker)) return;
            const p = map.latLngToContainerPoint(layer.getLatLng());
            found.push({left: p.x - DOT, right: p.x + DOT, top: p.y - DOT, bottom: p.y + DOT});
        });
        return found;
    };

    /* Draw a map state's borders, places, arrows and legend (`arrows`
     * false: the arrows later, by kz.overlays.drawArrows or at the next
     * "moveend": they are drawn for the zoom). */
    overlays.draw = function (next, borderKey, arrows) {
        state = next;
        selectedBorder = borderKey;
        drawBorders();
        drawPlaces();
        if (arrows !== false) drawLinks(); else linksZoom = null;  // then at the next "moveend", whatever its zoom
        updateLegend();
    };

    overlays.drawArrows = drawLinks;

    overlays.selectBorder = function (borderKey) {
        selectedBorder = borderKey;
        borders.eachLayer((layer) => layer.setStyle(layer.kzKey === selectedBorder ? BORDER_SELECTED : BORDER));
    };

    /* Canvas paths are drawn in the order they were added: keep the bold
     * borders, the data layers and the arrows above countries drawn or outlined later. */
    overlays.raise = function () {
        if (!borders) return;
        borders.eachLayer((layer) => layer.bringToFront());
        kz.data.raise();  // a deck's own lines and points over the borders, under the arrows
        links.eachLayer((layer) => layer.bringToFront && layer.bringToFront());
    };

    /* The slide's borders: each line made, its outline unpacked, the first time a slide shows it. */
    function drawBorders() {
        borders.clearLayers();
        for (const key of state.borders) {
            const feature = features[key];
            if (!feature) continue;
            feature.line = feature.line || Object.assign(new kz.Shape(feature.shape, false, BORDER), {kzKey: key});
            L.setOptions(feature.line, key === selectedBorder ? BORDER_SELECTED : BORDER);
            borders.addLayer(feature.line);
        }
    }

    function drawPlaces() {
        places.clearLayers();
        const names = new Names(PLACE_NAME);
        for (const key of state.places) {
            const place = kz.page.data.places[key];
            if (!place) continue;
            places.addLayer(L.circleMarker([place.lat, place.lon], {
                radius: 6, color: INK, weight: 2, fillColor: "#ffffff", fillOpacity: 1,
            }));
            names.add([place.lat, place.lon], place.name);
        }
        for (const [latLng, text] of kz.data.names()) names.add(latLng, text);  // the data layers' features
        places.addLayer(names);
    }

    /* Arrows between two countries' label points, bent a little so that two
     * arrows between the same pair do not overlap; the arrowhead is drawn in
     * screen space and so redrawn on zoom. */
    function drawLinks() {
        if (!state) return;
        const map = kz.page.map;
        linksZoom = map.getZoom();
        links.clearLayers();
        const names = new Names(LINK_NAME);
        for (const [from, to, text] of state.links) {
            const a = kz.page.countries[from], b = kz.page.countries[to];
            if (!a || !b) continue;
            const p = map.latLngToLayerPoint(a.label), q = map.latLngToLayerPoint(b.label);
            const c = bendOf(p, q);
            const points = [];
            for (let i = 0; i <= 24; i++) {
                const t = i / 24;
                points.push(p.multiplyBy((1 - t) * (1 - t)).add(c.multiplyBy(2 * t * (1 - t)))
                    .add(q.multiplyBy(t * t)));
            }
            const end = points[24], before = points[21];
            const angle = Math.atan2(end.y - before.y, end.x - before.x);
            const head = [end, rotate(end, angle + 2.7, 14), rotate(end, angle - 2.7, 14)];
            const toLatLng = (pt) => map.layerPointToLatLng(pt);
            const style = {color: ARROW, weight: 3, opacity: 0.9, interactive: false};
            links.addLayer(L.polyline(points.map(toLatLng), style));
            links.addLayer(L.polygon(head.map(toLatLng),
                Object.assign({}, style, {fillColor: ARROW, fillOpacity: 0.9})));
            // The name in the middle, else a little nearer one end or the other.
            if (text) names.add(toLatLng(points[12]), String(text), [10, 14, 8, 16, 6, 18, 4, 20].map((i) => toLatLng(points[i])));
        }
        links.addLayer(names);
    }

    /* Where a map state's arrows have their names, and how big the names
     * are on screen: the camera keeps them in view. */
    overlays.linkNames = function (s) {
        const map = kz.page.map, found = [];
        const font = LINK_NAME.font + " " + getComputedStyle(map.getContainer()).fontFamily;
        for (const [from, to, text] of s.links) {
            const a = kz.page.countries[from], b = kz.page.countries[to];
            if (!a || !b || !text) continue;
            const p = map.project(a.label, 0), q = map.project(b.label, 0);
            const middle = p.add(q).multiplyBy(0.25).add(bendOf(p, q).multiplyBy(0.5));  // the curve at t = 1/2
            found.push({latLng: map.unproject(middle, 0), height: LINK_NAME.height,
                        width: kz.util.textWidth(String(text), font) + LINK_NAME.padding});
        }
        return found;
    };

    /* The control point of the curve from p to q: bowed to one side, so
     * that two arrows between the same pair, one each way, stay apart. */
    function bendOf(p, q) {
        return p.add(q).divideBy(2).add(L.point(-(q.y - p.y) * BEND, (q.x - p.x) * BEND));
    }

    function rotate(origin, angle, length) {
        return L.point(origin.x + Math.cos(angle) * length, origin.y + Math.sin(angle) * length);
    }

    /* The legend: one element, kept with its rows when the control moves to another corner. */
    function makeLegend() {
        const control = L.control({position: "bottomleft"});
        const div = L.DomUtil.create("div", "kz-legend");
        L.DomEvent.disableClickPropagation(div);
        control.onAdd = () => div;
        return control;
    }

    /* One row per group the slide highlights, and one for bold borders. */
    function updateLegend() {
        const div = legend.getContainer();
        if (!div) return;  // a preview map has no legend
        const data = kz.page.data;
        const shown = new Set();
        // A group whose countries a choropleth fills shows its colour nowhere: no row.
        for (const iso3 of state.highlight) if (data.countries[iso3] && !kz.data.fill(iso3)) shown.add(data.countries[iso3]);
        div.textContent = "";
        for (const key in data.groups) {
            if (!shown.has(key)) continue;
            const row = L.DomUtil.create("div", "kz-legend-row", div);
            const swatch = L.DomUtil.create("span", "kz-swatch", row);
            swatch.style.background = data.groups[key].color;
            row.appendChild(document.createTextNode(data.groups[key].label));
        }
        if (state.borders.some((key) => features[key])) {
            const row = L.DomUtil.create("div", "kz-legend-row", div);
            L.DomUtil.create("span", "kz-swatch kz-swatch-border", row);
            row.appendChild(document.createTextNode(data.words && data.words.border || "Shared land border"));
        }
        for (const entry of kz.data.legend()) {  // the data layers': a line, dots, areas, a choropleth's classes
            const row = L.DomUtil.create("div", "kz-legend-row kz-legend-" + entry.kind, div);
            if (entry.color) L.DomUtil.create("span", "kz-swatch kz-swatch-" + entry.kind, row).style.background = entry.color;
            row.appendChild(document.createTextNode(entry.text));
        }
        div.style.display = div.childNodes.length ? "" : "none";
    }
})();
