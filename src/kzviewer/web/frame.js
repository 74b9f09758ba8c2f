/* Framing: the view that shows a slide's countries, places and arrows'
 * names as large as the map pane allows, clear of the credit and the
 * legend (kz.camera flies there).
 */
(function () {
    "use strict";

    const kz = window.kz;
    const EDGE = 28;            // CSS pixels kept free around what is framed
    const GAP = 6;              // between what is framed and the credit or the legend
    const MAX_FIT_ZOOM = 7;
    const LEGEND_CORNERS = ["bottomleft", "topright", "bottomright", "topleft"];  // where the legend may go, first choice first

    const frame = (kz.frame = {
        cramped: false,  // whether the last view had to leave room for the legend (no corner was clear)
    });

    /* The view that frames `state`: the largest zoom, to a fraction, at
     * which its countries, its places and its arrows' names fit into the
     * pane within its margins and above the credit at its foot, with the
     * legend clear of them; and the centre that puts them in the middle of
     * that room.  The legend goes to the first corner (bottom left, top
     * right, bottom right, top left) where it lies over nothing framed; if
     * there is none, the room is the part of the pane above or below the
     * legend, or beside it, in whichever corner lets the map come closest. */
    frame.view = function (state) {
        frame.cramped = false;
        const items = extentsOf(state);
        if (!items.length) return null;
        const map = kz.page.map, size = map.getSize();
        if (!size.x || !size.y) return null;  // not shown yet: framed when it is (kz.camera, on resize)
        const foot = kz.util.paneBox(map.attributionControl && map.attributionControl.getContainer());
        const bottom = Math.min(size.y - EDGE, foot ? foot.top - GAP : size.y);
        const whole = fitInto(items, [EDGE, EDGE, size.x - EDGE, bottom]);
        const legend = kz.overlays.groups().legend;  // none before the page has drawn a slide
        const scale = kz.util.paneBox(map.getContainer().querySelector(".leaflet-control-scale"));
        const shown = legend && kz.util.paneBox(legend.getContainer()) !== null;
        // The bottom-right corner stands on the credit, which runs across the foot.
        map._controlCorners.bottomright.style.bottom = foot ? size.y - foot.top + "px" : "";
        for (const corner of shown ? LEGEND_CORNERS : [null]) {
            if (corner && legend.getPosition() !== corner) legend.setPosition(corner);  // moved: laid out anew
            const boxes = [corner && kz.util.paneBox(legend.getContainer()), scale].filter((box) => box !== null);
            if (whole && !boxes.some((box) => covers(box, state, whole))) return whole;
        }
        if (!whole || !shown) return whole;
        // No corner is clear: the room above or below the legend, or beside
        // it, in whichever corner lets the map come closest.
        let best = null;
        for (const corner of LEGEND_CORNERS) {
            legend.setPosition(corner);
            const box = kz.util.paneBox(legend.getContainer()), boxes = [box, scale].filter((b) => b !== null);
            const top = corner.startsWith("top"), left = corner.endsWith("left");
            const rooms = [top ? [EDGE, box.bottom + GAP, size.x - EDGE, bottom] : [EDGE, EDGE, size.x - EDGE, box.top - GAP],
                           left ? [box.right + GAP, EDGE, size.x - EDGE, bottom] : [EDGE, EDGE, box.left - GAP, bottom]];
            for (const room of rooms) {
                const view = fitInto(items, room);
                if (view && (!best || view.zoom > best.view.zoom) && !boxes.some((b) => covers(b, state, view))) {
                    best = {view: view, corner: corner};
                }
            }
        }
        legend.setPosition(best ? best.corner : LEGEND_CORNERS[0]);
        frame.cramped = true;
        return best ? best.view : whole;
    };

    /* What framing `state` keeps in view, each as {x, y} (its point in
     * pixels at zoom 0) and how far it reaches from there on screen
     * (left, top, right, bottom, in CSS pixels): the corners of its
     * countries' boxes, its places' dots, its arrows' names. */
    function extentsOf(state) {
        const map = kz.page.map, items = [], DOT = kz.overlays.DOT;
        const add = (latLng, left, top, right, bottom) => {
            const p = map.project(latLng, 0);
            items.push({x: p.x, y: p.y, left: left, top: top, right: right, bottom: bottom});
        };
        for (const iso3 of state.fit) {
            const info = kz.page.countries[iso3];
            if (!info || !info.bbox) continue;
            const [s, w, n, e] = info.bbox;
            add([n, w], 0, 0, 0, 0);
            add([s, e], 0, 0, 0, 0);
        }
        if (!items.length) return items;
        for (const key of state.places) {
            const place = kz.page.data.places[key];
            if (place) add([place.lat, place.lon], DOT, DOT, DOT, DOT);
        }
        for (const name of kz.overlays.linkNames(state)) {
            add(name.latLng, name.width / 2, name.height / 2, name.width / 2, name.height / 2);
        }
        return items;
    }

    /* The view that fits `items` into `room` ([left, top, right, bottom] in the pane). */
    function fitInto(items, room) {
        const map = kz.page.map;
        const width = room[2] - room[0], height = room[3] - room[1];
        if (width <= 0 || height <= 0) return null;
        const span = (zoom) => {
            const scale = Math.pow(2, zoom), box = [Infinity, Infinity, -Infinity, -Infinity];
            for (const it of items) {
                box[0] = Math.min(box[0], it.x * scale - it.left);
                box[1] = Math.min(box[1], it.y * scale - it.top);
                box[2] = Math.max(box[2], it.x * scale + it.right);
                box[3] = Math.max(box[3], it.y * scale + it.bottom);
            }
            return box;
        };
        const fits = (zoom) => {
            const box = span(zoom);
            return box[2] - box[0] <= width && box[3] - box[1] <= height;
        };
        let low = map.getMinZoom(), high = MAX_FIT_ZOOM;
        if (fits(high)) low = high;
        while (high - low > 1e-4) {
            const middle = (low + high) / 2;
            if (fits(middle)) low = middle;
            else high = middle;
        }
        // The middle of what is framed goes to the middle of the room.
        const box = span(low);
        const middle = L.point((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
        const offset = L.point((room[0] + room[2]) / 2, (room[1] + room[3]) / 2).subtract(map.getSize().divideBy(2));
        return {center: map.unproject(middle.subtract(offset), low), zoom: low};
    }

    /* Whether, seen from `view`, a framed country (within its box: the
     * geodata's boxes leave out far islands), a place or an arrow's name
     * would lie under `box` (a part of the pane: {left, top, right, bottom}). */
    function covers(box, state, view) {
        const map = kz.page.map, DOT = kz.overlays.DOT;
        const origin = map.project(view.center, view.zoom).subtract(map.getSize().divideBy(2));
        const at = (latLng) => map.project(latLng, view.zoom).subtract(origin);
        const under = (p, reach) => p.x + reach[0] > box.left && p.x - reach[0] < box.right
            && p.y + reach[1] > box.top && p.y - reach[1] < box.bottom;
        for (const key of state.places) {
            const place = kz.page.data.places[key];
            if (place && under(at([place.lat, place.lon]), [DOT, DOT])) return true;
        }
        for (const name of kz.overlays.linkNames(state)) {
            if (under(at(name.latLng), [name.width / 2, name.height / 2])) return true;
        }
        const corners = [[box.left, box.top], [box.right, box.top], [box.left, box.bottom], [box.right, box.bottom]]
            .map((p) => map.unproject(origin.add(p), view.zoom));
        // `box` in pixels at zoom 0, where the outlines are.
        const scale = map.getZoomScale(view.zoom, 0);
        const zero = [(box.left + origin.x) / scale, (box.top + origin.y) / scale,
                      (box.right + origin.x) / scale, (box.bottom + origin.y) / scale];
        for (const iso3 of state.fit) {
            const info = kz.page.countries[iso3];
            if (!info || !info.bbox) continue;
            const [s, w, n, e] = info.bbox, framed = (p) => p.lat >= s && p.lat <= n && p.lng >= w && p.lng <= e;
            // Its box and `box`, where they meet, in pixels at zoom 0: has its outline a point there?
            const nw = map.project([n, w], 0), se = map.project([s, e], 0);
            const meet = [Math.max(nw.x, zero[0]), Math.max(nw.y, zero[1]), Math.min(se.x, zero[2]), Math.min(se.y, zero[3])];
            if (kz.selection.anyPoint(iso3, meet)) return true;
            if (corners.some((latLng) => framed(latLng) && kz.selection.contains(iso3, latLng))) return true;
        }
        return false;
    }
})();
