/* The names on the map, placed so that no two overlap: the highlighted
 * countries' (drawn here, at their label points: poles of inaccessibility,
 * scripts/build_geodata.py) and the places' and arrows' (drawn by
 * kz.overlays).  A name in another's way moves aside, or gives way.
 */
(function () {
    "use strict";

    const kz = window.kz;
    let group = null;

    const labels = (kz.labels = {});

    const ROOM = [40, 14];  // CSS pixels: a country this big on screen has room for its name
    const SMALL = 0.85;  // the type of names wider than their countries, to the others'
    const LINE = 1.55;  // a name's box is this many times its font's size high (DejaVu's line box, 20 px at 13)

    const MOST = 800;   // spots tried for one country's name at most
    const DEPTH = 3;    // names moved to make room for one: those in its way, and those in theirs
    const BUDGET = 50000;  // spots looked at to make room for one name, at most
    const MANY = 100;   // more names of places and arrows than this stay where CSS puts them, unavoided
    const COUNTRY = {};  // the kind of a country's name

    labels.init = function (map) {
        group = L.layerGroup().addTo(map);
        // Placed again after every move: a new zoom, a pan (names at the
        // pane's edges), a new frame (the legend may have gone to another corner).
        map.on("moveend", labels.declutter);
    };

    /* Write the names of these countries, to be placed by kz.labels.declutter
     * (which needs the view; this does not). */
    labels.write = function (codes) {
        group.clearLayers();
        for (const iso3 of codes) {
            const info = kz.page.countries[iso3];
            if (!info || !info.label) continue;
            group.addLayer(L.marker(info.label, {
                icon: L.divIcon({
                    className: "kz-label-anchor", iconSize: null,
                    html: '<div class="kz-label" data-iso3="' + kz.util.escapeHtml(iso3) + '">'
                        + kz.util.escapeHtml(info.name) + "</div>",
                }),
                interactive: false, keyboard: false,
            }));
        }
    };

    /* Measure the names written, to be read back when placed (at start-up,
     * while the window is not shown yet). */
    labels.measure = function () {
        let font = null;
        group.eachLayer((marker) => {
            const element = marker.getElement().firstChild;
            font = font || fontOf(element);
            kz.util.textWidth(element.textContent, font.css);
        });
    };

    /* Place every name, in this order: the slide's focus (its first
     * highlighted country), the countries with room for a name on screen
     * (in the slide's highlight order), the places' and arrows' names, the
     * countries too small to hold theirs.  Each takes its own spot if it is
     * free, else the nearest free one (a country's within its country, a
     * place's on another side of its dot, an arrow's along or beside its
     * arrow); else the names in its way may move to make room (makeRoom);
     * else it hides until the map is zoomed in.  Nothing goes under a place's
     * dot or the map's controls.  Boxes are worked out from points and text
     * widths, not read from the page: reading them would lay it all out. */
    labels.declutter = function () {
        const map = kz.page.map, countries = [];
        let font = null;
        group.eachLayer((marker) => {
            const element = marker.getElement() && marker.getElement().firstChild;
            if (!element) return;
            element.style.fontSize = "";
            if (font === null) font = fontOf(element);
            const name = new Name(COUNTRY, element, map.latLngToContainerPoint(marker.getLatLng()),
                                  [kz.util.textWidth(element.textContent, font.css), font.px * LINE]);
            // A name wider than its country is written smaller, as atlases do.
            const area = name.area();
            if (area && name.size[0] > area.right - area.left) {
                element.style.fontSize = font.px * SMALL + "px";
                name.size = name.size.map((x) => x * SMALL);
            }
            countries.push(name);
        });
        const others = kz.overlays.names(), few = others.length <= MANY;
        for (const other of others) other.element.style.transform = other.element.style.visibility = "";
        const order = countries.slice(0, 1).concat(
            countries.slice(1).filter((n) => n.roomy()),
            few ? others.map((o) => new Name(o.kind, o.element, o.point, [o.width, o.height], o.along)) : [],
            countries.slice(1).filter((n) => !n.roomy()));
        const fixed = (few ? kz.overlays.dots() : []).concat(controls()), placed = [];
        for (const name of order) {
            name.spot = freeSpot(name, placed, fixed) || makeRoom(name, placed, fixed);
            if (name.spot) placed.push(name);
        }
        for (const name of order) name.show();
    };

    /* A name: its kind (COUNTRY, or kz.overlays' PLACE_NAME or LINK_NAME),
     * its element, its point on screen, its size, other points it may be
     * written at (an arrow's), and where it is placed (null: hidden). */
    function Name(kind, element, point, size, along) {
        this.kind = kind;
        this.element = element;
        this.iso3 = element.dataset.iso3;
        this.point = point;
        this.size = size;
        this.along = along || [];
        this.spot = null;
        this.spots = null;         // the boxes it may take, best first (worked out when first needed)
        this.inside = new Map();   // box -> whether its middle lies inside the country
    }

    /* The country's box on screen, within the pane: {left, top, right, bottom}, or null. */
    Name.prototype.area = function () {
        const info = kz.page.countries[this.iso3], map = kz.page.map, size = map.getSize();
        if (!info || !info.bbox) return null;
        const [s, w, n, e] = info.bbox;
        const a = map.latLngToContainerPoint([n, w]), b = map.latLngToContainerPoint([s, e]);
        return {left: Math.max(a.x, 0), top: Math.max(a.y, 0), right: Math.min(b.x, size.x), bottom: Math.min(b.y, size.y)};
    };

    /* Whether the country is at least ROOM on screen (the design's rule: such a country has its name shown). */
    Name.prototype.roomy = function () {
        const area = this.area();
        return area !== null && area.right - area.left >= ROOM[0] && area.bottom - area.top >= ROOM[1];
    };

    /* The boxes the name may take on the pane, best first (`first`: only
     * the first, without working out the rest). */
    Name.prototype.candidates = function (first) {
        if (this.spots !== null) return this.spots;
        const [w, h] = this.size, p = this.point, pane = kz.page.map.getSize();
        let corners;  // top left
        if (this.kind === COUNTRY) {
            corners = (first ? [[p.x, p.y]] : this.middles()).map(([x, y]) => [x - w / 2, y - h / 2]);
        } else if (this.kind === kz.overlays.PLACE_NAME) {
            // Right of the dot, left, above, below, then its corners (clear of the dot).
            const o = this.kind.offset, d = kz.overlays.DOT;
            corners = [[p.x + o, p.y - h / 2], [p.x - o - w, p.y - h / 2], [p.x - w / 2, p.y - o - h], [p.x - w / 2, p.y + o],
                       [p.x + d / 2, p.y - d - h], [p.x + d / 2, p.y + d], [p.x - d / 2 - w, p.y - d - h], [p.x - d / 2 - w, p.y + d]];
        } else {
            // On the arrow, further along it, then just above or below it.
            const on = [p].concat(this.along);
            corners = on.map((q) => [q.x - w / 2, q.y - h / 2])
                .concat(...on.map((q) => [[q.x - w / 2, q.y - h - 2], [q.x - w / 2, q.y + 2]]));
        }
        const spots = corners
            .filter(([x, y]) => x >= 0 && y >= 0 && x + w <= pane.x && y + h <= pane.y)
            .map(([x, y]) => ({left: x, top: y, right: x + w, bottom: y + h}));
        if (first) return spots.slice(0, 1);
        this.spots = spots;
        return spots;
    };

    /* Where a country's name may have its middle: its point, then points on
     * a grid over the country's box, nearest first (a step aside costs less
     * than a step along). */
    Name.prototype.middles = function () {
        const [w, h] = this.size, p = this.point, area = this.area(), middles = [[p.x, p.y]];
        if (area !== null) {
            let step = [Math.max(3, w / 8), Math.max(3, h / 4)];
            const count = () => ((area.right - area.left) / step[0] + 1) * ((area.bottom - area.top) / step[1] + 1);
            if (count() > MOST) step = step.map((x) => x * Math.sqrt(count() / MOST));
            for (let i = Math.ceil((area.left - p.x) / step[0]); p.x + i * step[0] <= area.right; i++) {
                for (let j = Math.ceil((area.top - p.y) / step[1]); p.y + j * step[1] <= area.bottom; j++) {
                    if (i || j) middles.push([p.x + i * step[0], p.y + j * step[1]]);
                }
            }
        }
        const cost = (m) => Math.hypot(4 * (m[0] - p.x) / w, (m[1] - p.y) / h);
        return middles.map((m) => [cost(m), m]).sort((a, b) => a[0] - b[0]).map((pair) => pair[1]);
    };

    /* Whether the name may take `box`: any of its spots but a country's,
     * which must have its middle inside the country (its own point does). */
    Name.prototype.mayTake = function (box) {
        if (this.kind !== COUNTRY) return true;
        if (!this.inside.has(box)) {
            const x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
            const own = x === this.point.x && y === this.point.y;
            this.inside.set(box, own || kz.selection.contains(this.iso3, kz.page.map.containerPointToLatLng([x, y])));
        }
        return this.inside.get(box);
    };

    Name.prototype.show = function () {
        const spot = this.spot, style = this.element.style;
        style.visibility = spot ? "" : "hidden";
        if (!spot) return;
        const dx = spot.left - this.point.x, dy = spot.top - this.point.y;
        if (this.kind !== COUNTRY) {
            style.transform = "translate(" + dx + "px, " + dy + "px)";
        } else {
            const [w, h] = this.size;  // country names are centred on their points by CSS
            style.transform = dx + w / 2 || dy + h / 2
                ? "translate(calc(-50% + " + (dx + w / 2) + "px), calc(-50% + " + (dy + h / 2) + "px))" : "";
        }
    };

    /* The nearest spot for `name` that overlaps none of `placed` (names) nor
     * `taken` (boxes): its own first (most names keep it), then the others. */
    function freeSpot(name, placed, taken) {
        const free = (box) => !placed.some((other) => overlaps(box, other.spot))
            && !taken.some((other) => overlaps(box, other)) && name.mayTake(box);
        const own = name.candidates(true)[0];
        if (own && free(own)) return own;
        return name.candidates().find(free) || null;
    }

    /* A spot for `name` once the names in its way (two at most) have moved
     * to other spots of theirs, each of which may have one or two names in
     * its way move too (DEPTH moves deep at most, the fewest tried first,
     * clear of the `fixed` boxes: the places' dots, the map's controls); the
     * moves are made, and the spot returned. */
    function makeRoom(name, placed, fixed) {
        const budget = {left: BUDGET};
        const boxes = name.candidates().filter((box) => !fixed.some((other) => overlaps(box, other)) && name.mayTake(box));
        for (let depth = 1; depth <= DEPTH; depth++) {  // the fewest moves first
            for (const box of boxes) {
                const moves = clear(box, [name], placed, fixed, depth, budget);
                if (moves) {
                    for (const [other, spot] of moves) other.spot = spot;
                    return box;
                }
                if (budget.left <= 0) return null;
            }
        }
        return null;
    }

    /* Moves ([name, spot] pairs) that clear `box` of the names in `placed`,
     * into spots clear of `taken`, moving none of `moving`; or null. */
    function clear(box, moving, placed, taken, depth, budget) {
        const inWay = placed.filter((other) => overlaps(box, other.spot));
        if (!inWay.length) return [];
        if (depth === 0 || inWay.length > 2) return null;
        const moves = [];
        taken = taken.concat([box]);
        moving = moving.concat(inWay);
        for (const other of inWay) {
            const staying = placed.filter((o) => !moving.includes(o));
            let found = null;
            for (const spot of other.candidates()) {
                if (--budget.left <= 0) return null;
                if (spot === other.spot || taken.some((t) => overlaps(spot, t)) || !other.mayTake(spot)) continue;
                const more = clear(spot, moving, staying, taken, depth - 1, budget);
                if (more) {
                    found = [[other, spot]].concat(more);
                    break;
                }
            }
            if (!found) return null;
            moves.push(...found);
            taken = taken.concat(found.map((move) => move[1]));
            moving = moving.concat(found.map((move) => move[0]));
        }
        return moves;
    }

    function overlaps(a, b) {
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }

    /* Where the map's controls (legend, scale, credit, zoom buttons) lie in the pane: no name goes under them. */
    function controls() {
        return Array.from(kz.page.map.getContainer().querySelectorAll(".leaflet-control"), kz.util.paneBox)
            .filter((box) => box !== null);
    }

    function fontOf(element) {
        const style = getComputedStyle(element);
        return {css: style.fontWeight + " " + style.fontSize + " " + style.fontFamily, px: parseFloat(style.fontSize)};
    }

    labels.group = function () {
        return group;
    };
})();
