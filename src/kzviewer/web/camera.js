/* The camera: where the map looks.  It frames a slide's countries, flies to
 * a view, tells when a move has arrived, and notices when the lecturer moves
 * the map by hand (kz.camera.explored is then called with the new view).
 */
(function () {
    "use strict";

    const kz = window.kz;
    const FLY_SECONDS = 1.0;

    let pending = null;         // the flight under way: {zoom, arrived, land}
    let framed = null;          // the map state whose frame is shown; null once explored
    let byHand = false;         // the lecturer's hand is on the map (until the next move of ours)
    let handView = null;        // the view last reported (or found) while the hand is on the map

    /* A jump to a new view (not a flight) made Leaflet's canvas project
     * every path at "zoomend", again at the "viewreset" that follows, and
     * clip them all a second time after that: each is done once here.  Half
     * the time of a slide change without a flight (a printed page, a start). */
    L.Canvas.include({
        _onZoomEnd: function () {
            if (!this._postponeUpdatePaths) L.Renderer.prototype._onZoomEnd.call(this);  // in a jump: at viewreset
        },
        _reset: function () {
            L.Renderer.prototype._reset.call(this);  // each path projected and clipped for the new view
            if (this._postponeUpdatePaths) {
                this._postponeUpdatePaths = false;
                this._redrawBounds = null;
                this._redraw();
            }
        },
    });

    const camera = (kz.camera = {
        /* Called with {center, zoom} when the lecturer has moved the map. */
        explored: function () {},
    });

    camera.init = function (map) {
        map.on("moveend", onMoveEnd);
        map.on("resize", onResize);
        const hand = () => {
            if (pending !== null) {  // the hand stopped a flight: it ends here, not landed again by a resize
                const stopped = pending;
                pending = null;
                if (stopped.arrived) stopped.arrived();
            }
            if (byHand) return;
            byHand = true;
            handView = camera.view();
        };
        map.on("dragstart", hand);
        map.on("boxzoomend", hand);
        const container = map.getContainer();
        container.addEventListener("wheel", hand, {passive: true});
        container.addEventListener("dblclick", hand);
        if (map.zoomControl) map.zoomControl.getContainer().addEventListener("click", hand);
    };

    /* The view now: {center: [lat, lon], zoom}. */
    camera.view = function () {
        const map = kz.page.map, c = map.getCenter();
        return {center: [c.lat, c.lng], zoom: map.getZoom()};
    };

    /* Whether the map shows the frame of a map state (not a view explored to). */
    camera.framed = function () {
        return framed !== null;
    };

    /* Frame `state`: fit its countries (and its places) or go to its centre. */
    camera.frame = function (state, animate, arrived) {
        const map = kz.page.map;
        framed = state;
        const view = kz.frame.view(state);
        if (view) {
            // A flight stopped by a resize lands framed for the pane as it is then;
            // a move without a flight jumps to the view just worked out.
            const land = () => {
                const now = kz.frame.view(state) || view;
                map.setView(now.center, now.zoom, {animate: false});
            };
            const jump = () => map.setView(view.center, view.zoom, {animate: false});
            move(view.zoom, animate, arrived, () => map.flyTo(view.center, view.zoom, {duration: FLY_SECONDS}),
                 animate ? land : jump);
        } else if (state.center) {
            const zoom = state.zoom === null ? map.getZoom() : state.zoom;
            move(zoom, animate, arrived,
                () => map.flyTo(state.center, zoom, {duration: FLY_SECONDS}),
                () => map.setView(state.center, zoom, {animate: false}));
        } else {
            move(map.getZoom(), false, arrived, null, () => {});
        }
    };

    /* Nothing to move: `arrived` is called once a flight under way has
     * landed (it takes the flight over), or at once. */
    camera.hold = function (arrived) {
        if (pending !== null) pending.arrived = arrived;
        else if (arrived) kz.util.afterPaint(arrived);
    };

    /* Go to a view the lecturer explored to, unless the map is there already. */
    camera.goTo = function (view, animate, arrived) {
        const map = kz.page.map;
        framed = null;
        if (shows(view)) {
            camera.hold(arrived);
            return;
        }
        move(view.zoom, animate, arrived,
            () => map.flyTo(view.center, view.zoom, {duration: FLY_SECONDS}),
            () => map.setView(view.center, view.zoom, {animate: false}));
    };

    /* Enlarge a part of the pane: [left, top, right, bottom] as fractions of it. */
    camera.zoomBox = function (box, animate, arrived) {
        const map = kz.page.map, size = map.getSize();
        const bounds = L.latLngBounds(
            map.containerPointToLatLng([box[0] * size.x, box[1] * size.y]),
            map.containerPointToLatLng([box[2] * size.x, box[3] * size.y]));
        framed = null;
        const zoom = map.getBoundsZoom(bounds);
        move(zoom, animate, arrived,
            () => map.flyToBounds(bounds, {duration: FLY_SECONDS / 2}),
            () => map.fitBounds(bounds, {animate: false}));
    };

    function shows(view) {
        return sameView(camera.view(), view);
    }

    /* Two views a lecturer could not tell apart (within a pixel). */
    function sameView(a, b) {
        if (Math.abs(a.zoom - b.zoom) > 1e-3) return false;
        const map = kz.page.map;
        return map.project(a.center, a.zoom).distanceTo(map.project(b.center, a.zoom)) < 1;
    }

    /* Move with `fly` (animated) or `land` (at once); `arrived` is called
     * once the map is there and the frame showing it is drawn. */
    function move(zoom, animate, arrived, fly, land) {
        byHand = false;
        pending = null;
        if (animate && fly) {
            pending = {zoom: zoom, arrived: arrived, land: land};
            fly();
        } else {
            land();
            if (arrived) kz.util.afterPaint(arrived);
        }
    }

    function onMoveEnd() {
        const map = kz.page.map;
        if (byHand) {
            // Every move while the hand is on the map is the lecturer's, but
            // not every "moveend" is a move: a resize ends one too, and may
            // come between a turn of the wheel and the zoom it makes.
            const view = camera.view();
            if (sameView(view, handView)) return;
            handView = view;
            framed = null;
            camera.explored(view);
            return;
        }
        if (pending === null) return;
        // A resize of the window ends a "move" too, even in mid-flight: only
        // the end of the flight itself counts.
        if (Math.abs(map.getZoom() - pending.zoom) > 1e-3) return;
        const done = pending;
        pending = null;
        if (done.arrived) done.arrived();
    }

    /* The view changed size (full screen, a splitter dragged).  Leaflet stops
     * a flight under way at whatever zoom it had reached: land it instead;
     * and keep a slide's countries framed. */
    function onResize() {
        if (pending !== null) {
            const flight = pending;
            move(flight.zoom, false, flight.arrived, null, flight.land);
        } else if (framed !== null) {
            camera.frame(framed, false, null);
        }
    }
})();
