/* kzviewer's map controller.
 *
 * Python builds the page once and then drives it through this file: it calls
 * kz.apply(state) with a slide's map state, and the controller animates the
 * map to it without reloading anything.  Clicks go back to Python through one
 * QWebChannel object, "bridge" (see kzviewer/qt/bridge.py).  Opened in an
 * ordinary browser (kzviewer map -o page.html) the page works without it.
 */
(function () {
    "use strict";

    const kz = (window.kz = window.kz || {});

    const MUTED = "#e4e0d6";        // land the slide does not talk about
    const MUTED_EDGE = "#ffffff";
    const UNGROUPED = "#9a9a9a";    // highlighted, but in no group of the deck
    const EDGE = "#3a3a3a";
    const BORDER = "#111111";
    const FLY_SECONDS = 1.0;

    let map = null;
    let data = null;
    let bridge = null;
    const countryLayers = {};       // iso3 -> [layer, ...]
    const countryInfo = {};         // iso3 -> {name, label, bbox}
    const borderFeatures = {};      // "AAA-BBB" -> GeoJSON feature
    let bordersGroup, labelsGroup, placesGroup, linksGroup, legend;
    let state = null;
    let highlighted = new Set();
    let selected = null;
    let pendingTransition = null;  // the number of the flight under way
    let pendingZoom = null;  // and the zoom it ends at

    // Connect to Python as soon as this file runs: the handshake then travels
    // while the map is being built.  Opened in a browser, there is no Python.
    const channel = new Promise(function (resolve) {
        const transport = window.qt && window.qt.webChannelTransport;
        if (typeof QWebChannel === "undefined" || !transport) resolve(null);
        else new QWebChannel(transport, (ch) => resolve(ch.objects.bridge));
    });

    // -- start-up ----------------------------------------------------------

    kz.start = function (leafletMap, config) {
        map = leafletMap;
        data = config;
        kz.map = map;  // for diagnostics and the benchmark
        map.attributionControl.setPrefix(false);
        map.attributionControl.addAttribution(escapeHtml(data.credit));

        // Set the view before adding the countries, so that they are laid
        // out once, at the zoom they are first seen at.
        for (const name of ["world", "region"]) {
            for (const feature of data.layers[name].features) {
                const p = feature.properties;
                countryInfo[p.iso3] = {name: p.name, label: p.label, bbox: p.bbox};
            }
        }
        setState(data.state);
        moveTo(state, false, 0);

        // Countries in and around the first view first; the rest of the world
        // is added right after the first frame, where nobody sees it arrive.
        const view = map.getBounds().pad(0.05);
        const near = [];
        for (const name of ["world", "region"]) {
            for (const feature of data.layers[name].features) {
                const [s, w, n, e] = feature.properties.bbox;
                (view.intersects([[s, w], [n, e]]) ? near : farFeatures).push(feature);
            }
        }
        addCountries(near);
        for (const feature of data.layers.borders.features) {
            const p = feature.properties;
            borderFeatures[p.a + "-" + p.b] = feature;
        }
        bordersGroup = L.layerGroup().addTo(map);
        labelsGroup = L.layerGroup().addTo(map);
        linksGroup = L.layerGroup().addTo(map);
        placesGroup = L.layerGroup().addTo(map);
        legend = makeLegend().addTo(map);
        drawOverlays();

        map.on("moveend", onMoveEnd);
        map.on("zoomend", drawLinks);
        map.on("zoomend", declutterLabels);
        map.on("resize", onResize);
        map.on("dragstart", () => { explored = true; });
        map.getContainer().addEventListener("wheel", () => { explored = true; }, {passive: true});
        map.getContainer().addEventListener("dblclick", () => { explored = true; });
        map.zoomControl && map.zoomControl.getContainer().addEventListener("click", () => { explored = true; });
        connect();
    };

    const farFeatures = [];  // out of the first view: added after the first frame

    function addCountries(features) {
        features = features.map(unpackFeature);
        L.geoJSON({type: "FeatureCollection", features: features}, {
            style: (feature) => countryStyle(feature.properties.iso3),
            onEachFeature: bindCountry,
        }).addTo(map);
        if (bordersGroup) raiseOverlays();
    }

    /* Canvas paths are drawn in the order they were added: keep the bold
     * borders and the arrows above countries added later. */
    function raiseOverlays() {
        bordersGroup.eachLayer((layer) => layer.bringToFront());
        linksGroup.eachLayer((layer) => layer.bringToFront && layer.bringToFront());
    }

    /* Report "ready" once the bridge is connected and the first frame with
     * the map in it is painted; then add the countries out of view. */
    function connect() {
        const painted = new Promise((resolve) => requestAnimationFrame(resolve));
        Promise.all([channel, painted]).then(function (results) {
            bridge = results[0];
            kz.ready = true;
            if (bridge) bridge.mapReady();
            setTimeout(function () {
                addCountries(farFeatures.splice(0));
            }, 0);
        });
    }

    function bindCountry(feature, layer) {
        const p = feature.properties;
        (countryLayers[p.iso3] = countryLayers[p.iso3] || []).push(layer);
        layer.bindTooltip(escapeHtml(p.name), {sticky: true, direction: "top", className: "kz-tip"});
        layer.on("click", function () {
            kz.select(p.iso3);
            if (bridge) bridge.countryClicked(p.iso3);
        });
    }

    // -- applying a state ----------------------------------------------------

    /* Show `next` (a map state as kzviewer.mapping.state.MapState.to_json
     * gives it).  With `animate`, fly there in about a second.  `transition`
     * numbers the move: Python hears it back when the map has arrived. */
    kz.apply = function (next, animate, transition) {
        setState(next);
        restyleCountries();
        drawOverlays();
        moveTo(state, animate !== false, typeof transition === "number" ? transition : 0);
    };

    function setState(next) {
        explored = false;
        state = normalise(next);
        highlighted = new Set(state.highlight);
        selected = null;
    }

    function drawOverlays() {
        drawLabels();
        drawBorders();
        drawPlaces();
        drawLinks();
        updateLegend();
        declutterLabels();
    }

    function normalise(s) {
        s = s || {};
        const list = (v) => (Array.isArray(v) ? v : []);
        const within = (x, low, high) => typeof x === "number" && isFinite(x) && x >= low && x <= high;
        const center = Array.isArray(s.center) && s.center.length === 2 && within(s.center[0], -90, 90)
            && within(s.center[1], -180, 360) ? s.center : null;
        return {
            fit: list(s.fit).filter((c) => typeof c === "string"),
            center: center,
            zoom: within(s.zoom, 0, 18) ? s.zoom : null,
            highlight: list(s.highlight).filter((c) => typeof c === "string"),
            borders: list(s.borders).filter((b) => typeof b === "string"),
            places: list(s.places).filter((p) => typeof p === "string"),
            links: list(s.links).filter((k) => Array.isArray(k) && k.length >= 2),
        };
    }

    function countryStyle(iso3) {
        const isSelected = iso3 === selected;
        if (!highlighted.has(iso3)) {
            return {
                fillColor: MUTED, fillOpacity: 1,
                color: isSelected ? BORDER : MUTED_EDGE, weight: isSelected ? 3 : 0.7,
            };
        }
        const group = data.groups[data.countries[iso3]];
        return {
            fillColor: group ? group.color : UNGROUPED, fillOpacity: 0.85,
            color: isSelected ? BORDER : EDGE, weight: isSelected ? 3 : 0.8,
        };
    }

    function restyleCountries() {
        for (const iso3 in countryLayers) {
            for (const layer of countryLayers[iso3]) layer.setStyle(countryStyle(iso3));
        }
    }

    /* The names of the highlighted countries, written on the map. */
    function drawLabels() {
        labelsGroup.clearLayers();
        for (const iso3 of highlighted) {
            const info = countryInfo[iso3];
            if (!info || !info.label) continue;
            labelsGroup.addLayer(L.marker(info.label, {
                icon: L.divIcon({
                    className: "kz-label-anchor", iconSize: null,
                    html: '<div class="kz-label">' + escapeHtml(info.name) + "</div>",
                }),
                interactive: false, keyboard: false,
            }));
        }
    }

    /* Names that would overlap: the first named in the slide's highlight list
     * keeps its place, later ones give way (until the map is zoomed in). */
    function declutterLabels() {
        const kept = [];
        labelsGroup.eachLayer((marker) => {
            const element = marker.getElement() && marker.getElement().firstChild;
            if (!element) return;
            element.style.visibility = "";
            const box = element.getBoundingClientRect();
            const overlaps = (other) => box.left < other.right && other.left < box.right
                && box.top < other.bottom && other.top < box.bottom;
            if (kept.some(overlaps)) element.style.visibility = "hidden";
            else kept.push(box);
        });
    }

    function drawBorders() {
        bordersGroup.clearLayers();
        for (const key of state.borders) {
            if (!borderFeatures[key]) continue;
            const feature = (borderFeatures[key] = unpackFeature(borderFeatures[key]));
            const layer = L.geoJSON(feature, {
                style: {color: BORDER, weight: 5, opacity: 0.95, lineCap: "round"},
            });
            layer.on("click", function (event) {
                L.DomEvent.stopPropagation(event);
                if (bridge) bridge.borderClicked(feature.properties.a, feature.properties.b);
            });
            layer.bindTooltip(escapeHtml(borderTitle(feature.properties)),
                              {sticky: true, className: "kz-tip"});
            bordersGroup.addLayer(layer);
        }
    }

    function borderTitle(p) {
        return nameOf(p.a) + " – " + nameOf(p.b);
    }

    function drawPlaces() {
        placesGroup.clearLayers();
        for (const key of state.places) {
            const place = data.places[key];
            if (!place) continue;
            const marker = L.circleMarker([place.lat, place.lon], {
                radius: 6, color: BORDER, weight: 2, fillColor: "#ffffff", fillOpacity: 1,
            });
            marker.bindTooltip(escapeHtml(place.name), {
                permanent: true, direction: "right", offset: [8, 0], className: "kz-place",
            });
            placesGroup.addLayer(marker);
        }
    }

    /* Links are arrows between two countries' label points, bent a little so
     * that two arrows between the same pair do not overlap; the arrowhead is
     * drawn in screen space and so redrawn on zoom. */
    function drawLinks() {
        if (!linksGroup || !state) return;
        linksGroup.clearLayers();
        for (const [from, to, label] of state.links) {
            const a = countryInfo[from], b = countryInfo[to];
            if (!a || !b) continue;
            const p = map.latLngToLayerPoint(a.label), q = map.latLngToLayerPoint(b.label);
            const bend = L.point(-(q.y - p.y) * 0.18, (q.x - p.x) * 0.18);
            const c = p.add(q).divideBy(2).add(bend);
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
            const style = {color: "#222222", weight: 3, opacity: 0.9, interactive: false};
            linksGroup.addLayer(L.polyline(points.map(toLatLng), style));
            linksGroup.addLayer(L.polygon(head.map(toLatLng),
                Object.assign({}, style, {fillColor: "#222222", fillOpacity: 0.9})));
            if (label) {
                const mid = L.marker(toLatLng(points[12]), {
                    icon: L.divIcon({className: "kz-link-anchor", iconSize: [0, 0]}),
                    interactive: false,
                });
                mid.bindTooltip(escapeHtml(String(label)), {
                    permanent: true, direction: "center", className: "kz-link",
                });
                linksGroup.addLayer(mid);
            }
        }
    }

    function rotate(origin, angle, length) {
        return L.point(origin.x + Math.cos(angle) * length, origin.y + Math.sin(angle) * length);
    }

    // -- the view ------------------------------------------------------------

    function fitBounds(codes) {
        let bounds = null;
        for (const iso3 of codes) {
            const info = countryInfo[iso3];
            if (!info || !info.bbox) continue;
            const [s, w, n, e] = info.bbox;
            const b = L.latLngBounds([s, w], [n, e]);
            bounds = bounds ? bounds.extend(b) : b;
        }
        return bounds;
    }

    function moveTo(s, animate, transition) {
        let bounds = s.fit.length ? fitBounds(s.fit) : null;
        if (bounds) {
            // The slide's places are part of what it is about: keep them in view.
            for (const key of s.places) {
                const place = data.places[key];
                if (place) bounds = bounds.extend([place.lat, place.lon]);
            }
        }
        // Room on the right for the names of places, which sit right of their dot.
        const right = s.places.length ? 96 : 28;
        const options = {paddingTopLeft: [28, 28], paddingBottomRight: [right, 28], maxZoom: 7};
        let target = null;  // the zoom the flight ends at
        if (bounds) {
            target = map._getBoundsCenterZoom(bounds, options).zoom;  // as flyToBounds computes it
            if (animate) map.flyToBounds(bounds, Object.assign({duration: FLY_SECONDS}, options));
            else map.fitBounds(bounds, Object.assign({animate: false}, options));
        } else if (s.center) {
            const zoom = s.zoom === null ? map.getZoom() : s.zoom;
            target = zoom;
            if (animate) map.flyTo(s.center, zoom, {duration: FLY_SECONDS});
            else map.setView(s.center, zoom, {animate: false});
        } else {
            animate = false;
        }
        pendingTransition = null;
        pendingZoom = target;
        tagFrame(transition);
        if (animate) pendingTransition = transition;
        else if (bridge && transition) afterPaint(() => bridge.transitionFinished(transition));
    }

    /* Run `then` once the frame showing the current state has been produced. */
    function afterPaint(then) {
        requestAnimationFrame(() => requestAnimationFrame(then));
    }

    /* The view changed size (full screen, a splitter dragged).  Leaflet stops
     * a flight under way at whatever zoom it had reached; land it instead. */
    function onResize() {
        if (pendingTransition !== null) moveTo(state, false, pendingTransition);
        else if (!explored) moveTo(state, false, 0);  // keep the slide's countries framed
    }

    // Whether the lecturer has dragged or zoomed the map since the last state.
    let explored = false;

    function onMoveEnd() {
        if (pendingTransition === null) return;
        // A resize of the window ends a "move" too, even in mid-flight: only
        // the end of the flight itself counts.
        if (pendingZoom !== null && Math.abs(map.getZoom() - pendingZoom) > 1e-3) return;
        const done = pendingTransition;
        pendingTransition = null;
        if (bridge && done) bridge.transitionFinished(done);
    }

    // -- selection -----------------------------------------------------------

    /* A small map (the presenter console's preview): no controls, no legend. */
    kz.compact = function () {
        map.zoomControl && map.zoomControl.remove();
        legend.remove();
        map.attributionControl.remove();
        document.querySelectorAll(".leaflet-control-scale").forEach((el) => el.remove());
    };

    /* A map for a printed page: no zoom buttons, larger labels, and a
     * frame tag.  Pictures of the page are taken from frames that the web
     * engine delivers a little later than it draws them: the tag, a few
     * pixels in the bottom-right corner coloured after the number of the
     * latest move, tells the picture-taker which state a frame shows. */
    kz.printable = function () {
        map.zoomControl && map.zoomControl.remove();
        map.getContainer().classList.add("kz-print");
        frameTag = L.DomUtil.create("div", "kz-frame-tag", map.getContainer());
    };

    let frameTag = null;

    function tagFrame(transition) {
        if (!frameTag) return;
        const n = transition % 0x1000000;
        frameTag.style.background = "rgb(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + ")";
    }

    /* New groups, colours and places (the deck's countries file changed),
     * then the state to show with them; the page is not reloaded. */
    kz.configure = function (config, next) {
        data.groups = config.groups || {};
        data.countries = config.countries || {};
        data.places = config.places || {};
        kz.apply(next, false, 0);
    };

    /* Outline one country (the one clicked); null clears the outline. */
    kz.select = function (iso3) {
        const previous = selected;
        selected = iso3 && countryLayers[iso3] ? iso3 : null;
        for (const code of [previous, selected]) {
            if (!code || !countryLayers[code]) continue;
            for (const layer of countryLayers[code]) {
                layer.setStyle(countryStyle(code));
                if (code === selected) layer.bringToFront();
            }
        }
        raiseOverlays();
    };

    // -- the legend ----------------------------------------------------------

    function makeLegend() {
        const control = L.control({position: "bottomleft"});
        control.onAdd = function () {
            const div = L.DomUtil.create("div", "kz-legend");
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        return control;
    }

    function updateLegend() {
        const div = legend.getContainer();
        const shown = new Set();
        for (const iso3 of highlighted) if (data.countries[iso3]) shown.add(data.countries[iso3]);
        div.textContent = "";
        for (const key in data.groups) {
            if (!shown.has(key)) continue;
            const row = L.DomUtil.create("div", "kz-legend-row", div);
            const swatch = L.DomUtil.create("span", "kz-swatch", row);
            swatch.style.background = data.groups[key].color;
            row.appendChild(document.createTextNode(data.groups[key].label));
        }
        if (state.borders.some((key) => borderFeatures[key])) {
            const row = L.DomUtil.create("div", "kz-legend-row", div);
            L.DomUtil.create("span", "kz-swatch kz-swatch-border", row);
            row.appendChild(document.createTextNode("Shared land border"));
        }
        div.style.display = div.childNodes.length ? "" : "none";
    }

    // -- questions from Python and the tests ---------------------------------

    /* What the map shows now, read off the layers themselves. */
    kz.describe = function () {
        const fills = {};
        for (const iso3 in countryLayers) {
            const color = countryLayers[iso3][0].options.fillColor;
            if (color !== MUTED) fills[iso3] = color;
        }
        const borders = [];
        bordersGroup.eachLayer((layer) => layer.eachLayer((line) => {
            const p = line.feature.properties;
            borders.push({key: p.a + "-" + p.b, weight: line.options.weight, color: line.options.color});
        }));
        const labels = [];
        labelsGroup.eachLayer((m) => {
            const element = m.getElement().firstChild;
            if (element.style.visibility !== "hidden") labels.push(element.textContent);
        });
        const places = [];
        placesGroup.eachLayer((m) => places.push(m.getTooltip().getContent()));
        const legendRows = Array.from(legend.getContainer().childNodes, (n) => n.textContent);
        const c = map.getCenter();
        return {
            fills: fills, borders: borders, labels: labels, places: places, legend: legendRows,
            links: linksGroup.getLayers().length, selected: selected,
            center: [c.lat, c.lng], zoom: map.getZoom(), size: [map.getSize().x, map.getSize().y],
        };
    };

    /* Where a point is in the view, in CSS pixels from its top-left corner. */
    kz.pointOf = function (lat, lon) {
        const p = map.latLngToContainerPoint([lat, lon]);
        return [p.x, p.y];
    };

    /* The label point of a country, [lat, lon]. */
    kz.labelOf = function (iso3) {
        return countryInfo[iso3] ? countryInfo[iso3].label : null;
    };

    function nameOf(iso3) {
        return countryInfo[iso3] ? countryInfo[iso3].name : iso3;
    }

    /* A feature as kzviewer.mapping.page.pack_geometry sent it, as GeoJSON. */
    function unpackFeature(feature) {
        const g = feature.geometry;
        if (!g || g.k === undefined) return feature;
        const k = g.k;
        const line = function (flat) {
            const points = new Array(flat.length / 2);
            let x = 0, y = 0;
            for (let i = 0; i < flat.length; i += 2) {
                x += flat[i];
                y += flat[i + 1];
                points[i / 2] = [x / k, y / k];
            }
            return points;
        };
        const depth = {LineString: 0, MultiLineString: 1, Polygon: 1, MultiPolygon: 2}[g.type];
        const nested = (p, d) => (d === 0 ? line(p) : p.map((q) => nested(q, d - 1)));
        return {type: "Feature", properties: feature.properties,
                geometry: {type: g.type, coordinates: nested(g.p, depth)}};
    }

    function escapeHtml(text) {
        return String(text).replace(/[&<>"']/g, (ch) => ({
            "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
        })[ch]);
    }
})();
