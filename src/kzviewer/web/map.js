/* The map page's controller: what Python calls.
 *
 * Python builds the page once and sends it a snapshot of what the audience
 * sees (kzviewer.mapping.snapshot.MapSnapshot.to_json) with kz.show; the
 * page draws it, animating to the slide's view, without reloading anything.
 * Clicks and the lecturer's own moves go back through one QWebChannel
 * object, "bridge" (kzviewer/qt/bridge.py), and come back as a snapshot.
 * Opened in a browser (kzviewer map -o page.html) there is no Python: the
 * page then keeps its selection itself.
 */
(function () {
    "use strict";

    const kz = window.kz;
    const page = kz.page;
    let shown = null;               // the snapshot drawn, normalised

    // The bridge to Python (web/channel.js opened it); opened in a browser, there is no Python.
    const channel = kz.channel || Promise.resolve(null);

    // -- start-up ----------------------------------------------------------

    kz.start = function (map, config) {
        page.map = map;
        page.data = config;
        // The credit at the foot of the bottom-left corner, with the scale and the legend
        // stacked above it, however many lines it takes (at the right, it covered them).
        map.attributionControl.setPosition("bottomleft");
        map.attributionControl.setPrefix(false);
        map.attributionControl.addAttribution(kz.util.escapeHtml(config.credit));
        for (const name of ["world", "region"]) {
            for (const feature of config.layers[name].features) {
                const p = feature.properties;
                page.countries[p.iso3] = {name: p.name, english: p.name, label: p.label, bbox: p.bbox};
            }
        }
        const first = kz.snapshot.normalise({state: config.state});
        nameCountries(config.deckNames);
        speak(map, config.words || {});
        kz.camera.init(map);
        kz.selection.init(map, config.layers.world.features.concat(config.layers.region.features));
        kz.data.init(config.dataLayers);
        kz.overlays.init(map, config.layers.borders.features);
        kz.labels.init(map);
        kz.ink.init(map);
        kz.selection.clicked = (iso3) => select({country: iso3}, () => page.bridge.countryClicked(iso3));
        kz.overlays.borderClicked = (a, b) => select({border: kz.util.borderKey(a, b)}, () => page.bridge.borderClicked(a, b));
        kz.data.clicked = (id, index) => select({feature: [id, index]}, () => page.bridge.featureClicked(id, index));
        kz.camera.explored = explored;
        // What does not depend on the map's size, drawn now (its window may
        // not be shown yet): the colours, borders, places, legend and names
        // of the first slide, its framed countries' outlines unpacked.
        sketch(first, false);
        kz.labels.measure();
        kz.selection.outlines(first.state.fit);
        map.getRenderer(new L.Path());  // the canvas, made now: its first context is slow to make
        connect(first);
    };

    /* Once the map has its size (at once if it has it; else when its window
     * is shown): frame the first slide, the legend there to keep clear, then
     * draw the countries in and around the view and place the names.  Tell
     * Python, once the channel is open and a frame with the map drawn is
     * painted, at what size it was painted (it says "ready" if that is its
     * view's); then draw the rest of the world, where nobody sees it arrive.
     * (Leaflet places the names once more, 200 ms on: the "moveend" of the
     * size's change, put off so as not to come before the frame's.) */
    function connect(first) {
        const drawn = new Promise(function (resolve) {
            let looking = true;
            const look = function () {
                if (!looking) return;
                const container = page.map.getContainer();
                if (!container.clientWidth || !container.clientHeight) {
                    requestAnimationFrame(look);
                    return;
                }
                looking = false;
                document.removeEventListener("visibilitychange", look);
                const map = page.map;
                map.invalidateSize({pan: false, debounceMoveend: true});  // its "moveend" later: the frame's comes first
                const moved = jumped(() => kz.camera.frame(first.state, false, null));
                kz.selection.draw(map.getBounds().pad(0.05));
                if (!moved) placeNames();
                // The next frame: Leaflet's canvas redraws in its animation
                // callbacks, asked for before this one, and the frame follows.
                requestAnimationFrame(resolve);
            };
            // Its window shown, the page knows its size as it turns visible, a frame before the next animation frame.
            document.addEventListener("visibilitychange", look);
            look();
        });
        Promise.all([channel, drawn]).then(function (results) {
            page.bridge = results[0];
            kz.ready = true;
            if (page.bridge) page.bridge.mapReady(page.map.getSize().x, page.map.getSize().y);
            setTimeout(kz.addWorld, 0);
        });
    }

    /* Python's view is `width` × `height` (CSS pixels) and the map was
     * painted at another size (the view's before its window was laid out):
     * say "ready" again once the map has that size, framed for it (kz.camera
     * does on "resize") and painted. */
    kz.readyAt = function (width, height) {
        const map = page.map;
        const sized = function () {
            const size = map.getSize();
            if (Math.abs(size.x - width) > 1 || Math.abs(size.y - height) > 1) return;
            map.off("resize", sized);
            kz.selection.draw(map.getBounds().pad(0.05));  // the countries come into this view too
            requestAnimationFrame(() => page.bridge.mapReady(size.x, size.y));
        };
        map.on("resize", sized);
        sized();
    };

    /* The countries not drawn yet (out of the first view): now. */
    kz.addWorld = function () {
        kz.selection.draw(null);
    };

    // -- what Python calls -------------------------------------------------

    /* A preview or a printed map (kz.print.setup). */
    kz.setup = function (options) {
        kz.print.setup(options || {});
    };

    /* The mouse has gone to the lectern's laser or pen: close the names shown under it. */
    kz.closeTips = function () {
        page.map.eachLayer((layer) => layer.closeTooltip());
    };

    /* New groups, colours and places (the deck's countries file changed):
     * the snapshot shown is drawn again with them. */
    kz.configure = function (config) {
        page.data.groups = config.groups || {};
        page.data.countries = config.countries || {};
        page.data.places = config.places || {};
        nameCountries(config.deckNames);
        if (shown) draw(shown);
    };

    /* Presenting: no zoom buttons for the audience (the lecturer has the wheel and the keys). */
    kz.present = function (on) {
        page.map.getContainer().classList.toggle("kz-presenting", on === true);
    };

    /* Show a snapshot: the slide's map state, the selection, the view
     * explored to (or null for the slide's own), the pen's strokes, and a
     * part of the pane enlarged (Z).  Options: `animate` flies to a new view
     * in about a second; `transition` numbers the move, which Python hears
     * back when the map has arrived. */
    kz.show = function (snapshot, options) {
        options = options || {};
        const next = kz.snapshot.normalise(snapshot);
        const transition = Number.isInteger(options.transition) ? options.transition : 0;
        const newState = shown === null || JSON.stringify(shown.state) !== JSON.stringify(next.state);
        const animate = options.animate === true;
        if (newState && animate) {
            draw(next);  // named now for the flight; placed again where it lands
        } else if (newState) {
            sketch(next, false);  // arrows and names once the camera has jumped
        } else {
            kz.selection.select(next.selected.country || null);
            kz.overlays.selectBorder(next.selected.border || null);
        }
        if (shown === null || JSON.stringify(shown.ink) !== JSON.stringify(next.ink)) kz.ink.draw(next.ink);
        const arrived = () => { if (page.bridge && transition) page.bridge.transitionFinished(transition); };
        const newZoom = JSON.stringify(shown && shown.zoom) !== JSON.stringify(next.zoom);
        const moved = jumped(() => move(next, newState, newZoom, animate, arrived));
        if (newState && !animate && !moved) placeNames();
        shown = next;
    };

    /* Move the camera for a snapshot: to its enlarged box, its view, its frame, or not at all. */
    function move(next, newState, newZoom, animate, arrived) {
        if (next.zoom && (newZoom || newState)) {
            if (newState || !newZoom) frameOrView(next, false, null);  // the box is a part of that view
            kz.camera.zoomBox(next.zoom, animate, arrived);
        } else if (next.zoom) {
            kz.camera.hold(arrived);  // still enlarged: ink or a selection changed, not the view
        } else if (next.view) {
            kz.camera.goTo(next.view, animate, arrived);
        } else if (newState || newZoom || !kz.camera.framed()) {
            kz.camera.frame(next.state, animate, arrived);
        } else {
            kz.camera.hold(arrived);
        }
    }

    /* Run `go`; whether the map moved at once (its "moveend": the arrows drawn and the names placed then). */
    function jumped(go) {
        let moved = false;
        const seen = () => { moved = true; };
        page.map.on("moveend", seen);
        go();
        page.map.off("moveend", seen);
        return moved;
    }

    function placeNames() {
        kz.overlays.drawArrows();
        kz.labels.declutter();
    }

    /* Each country's name: the deck's own (its countries file's name:), else
     * CLDR's in the lecture's language (page.data.names), else the English
     * of the geodata. */
    function nameCountries(deckNames) {
        const own = deckNames || {}, local = page.data.names || {};
        for (const iso3 in page.countries) {
            const info = page.countries[iso3];
            info.name = own[iso3] || local[iso3] || info.english;
        }
    }

    /* Leaflet's own words on the map in the lecture's language: the zoom
     * buttons' titles, and the scale bar's units (the page adds the scale
     * here, not through folium, to give it its words). */
    function speak(map, words) {
        const zoom = map.zoomControl;
        if (zoom && words.zoomIn) {
            for (const [button, title] of [[zoom._zoomInButton, words.zoomIn], [zoom._zoomOutButton, words.zoomOut]]) {
                button.title = title;
                button.setAttribute("aria-label", title);
            }
        }
        const units = {km: words.km || "km", m: words.m || "m", mi: words.mi || "mi", ft: words.ft || "ft"};
        const Scale = L.Control.Scale.extend({
            _updateScale: function (element, text, ratio) {
                const [figure, unit] = text.split(" ");
                L.Control.Scale.prototype._updateScale.call(this, element, figure + "\u00a0" + (units[unit] || unit), ratio);
            },
        });
        new Scale().addTo(map);
    }

    function frameOrView(s, animate, arrived) {
        if (s.view) kz.camera.goTo(s.view, animate, arrived);
        else kz.camera.frame(s.state, animate, arrived);
    }

    function draw(s) {
        sketch(s);
        kz.labels.declutter();
    }

    /* All of a slide's map but where its names go, which needs the view
     * (`arrows` false: nor its arrows, which are drawn for the view). */
    function sketch(s, arrows) {
        kz.data.draw(s.state);  // first: a choropleth colours countries
        kz.selection.show(s.state.highlight, s.selected.country || null);
        kz.overlays.draw(s.state, s.selected.border || null, arrows);
        kz.labels.write(s.state.highlight);
    }

    /* A click: Python is told and answers with a snapshot; in a browser the
     * page selects by itself. */
    function select(selected, tell) {
        if (page.bridge) tell();
        else if (shown) kz.show(Object.assign({}, shown, {selected: selected}), {});
    }

    function explored(view) {
        if (shown) shown.view = view;
        if (page.bridge) page.bridge.mapExplored(view.center[0], view.center[1], view.zoom);
    }
})();
