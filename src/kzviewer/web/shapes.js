/* Countries and borders as the canvas draws them, from outlines Python
 * projected (kzviewer.mapping.page.pack_shape): in Web Mercator pixels at
 * zoom 0, so that a point on screen is one multiply and one add, and no
 * object is made per point.  Leaflet's own polygons turn every point into
 * a LatLng, then into a projected Point at every zoom: the countries in view
 * took most of the start-up's time, and the garbage of it most of the rest.
 */
(function () {
    "use strict";

    const kz = window.kz;

    /* `packed`: {k, r} as pack_shape wrote it; `closed`: rings filled even-odd
     * (a country, its holes rings too) rather than lines (a border). */
    kz.Shape = L.Path.extend({
        options: {smoothFactor: 1},  // as Leaflet's polylines, when printed

        initialize: function (packed, closed, options) {
            L.setOptions(this, L.extend({fill: closed}, options));
            this.closed = closed;
            this._packed = packed;  // unpacked when first needed (outlines)
        },

        /* The outlines: Float64Arrays of x, y, x, y, ... in pixels at zoom 0,
         * unpacked the first time they are asked for. */
        outlines: function () {
            if (this._rings) return this._rings;
            const k = this._packed.k, box = (this._box = [Infinity, Infinity, -Infinity, -Infinity]);
            this._rings = [];
            this._boxes = [];       // each ring's [minX, minY, maxX, maxY]
            for (const text of this._packed.r) {
                const b = [Infinity, Infinity, -Infinity, -Infinity], ring = unpack(text, k, b);
                this._rings.push(ring);
                this._boxes.push(b);
                for (let i = 0; i < 4; i++) box[i] = (i < 2 ? Math.min : Math.max)(box[i], b[i]);
            }
            this._packed = null;
            return this._rings;
        },

        /* Whether a point in pixels at zoom 0 lies inside (an odd number of edges crossed on the way east). */
        holds: function (x, y) {
            if (!this.closed) return false;
            this.outlines();
            if (!inBox(this._box, x, y)) return false;
            let odd = false;
            this._rings.forEach((ring, r) => {
                if (!inBox(this._boxes[r], x, y)) return;
                for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
                    const ax = ring[i], ay = ring[i + 1], bx = ring[j], by = ring[j + 1];
                    if ((ay > y) !== (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax) odd = !odd;
                }
            });
            return odd;
        },

        /* Whether a point of the outlines lies within `box` (pixels at zoom 0: [minX, minY, maxX, maxY]). */
        anyPoint: function (box) {
            for (const [r, ring] of this.outlines().entries()) {
                const b = this._boxes[r];
                if (b[2] < box[0] || b[0] > box[2] || b[3] < box[1] || b[1] > box[3]) continue;
                for (let i = 0; i < ring.length; i += 2) {
                    if (ring[i] >= box[0] && ring[i] <= box[2] && ring[i + 1] >= box[1] && ring[i + 1] <= box[3]) return true;
                }
            }
            return false;
        },

        /* The outlines as layer points now, cut to the canvas's bounds and
         * simplified as Leaflet does its own paths: for the printed map (kz.drawing). */
        parts: function () {
            const bounds = this._renderer._bounds, tolerance = this.options.smoothFactor, parts = [];
            for (const ring of this.outlines()) {
                const points = [];
                for (let i = 0; i < ring.length; i += 2) points.push(this._layerPoint(ring[i], ring[i + 1]));
                if (this.closed) {
                    const clipped = L.PolyUtil.clipPolygon(points, bounds, true);
                    if (clipped.length > 2) parts.push(L.LineUtil.simplify(clipped, tolerance));
                    continue;
                }
                // A line: its runs within the bounds, as Leaflet's Polyline._clipPoints cuts them.
                let run = [];
                for (let i = 1; i < points.length; i++) {
                    const segment = L.LineUtil.clipSegment(points[i - 1], points[i], bounds, i > 1, true);
                    if (!segment) continue;
                    if (!run.length) run.push(segment[0]);
                    run.push(segment[1]);
                    if (segment[1] !== points[i] || i === points.length - 1) {
                        parts.push(L.LineUtil.simplify(run, tolerance));
                        run = [];
                    }
                }
            }
            return parts;
        },

        _layerPoint: function (x, y) {
            return L.point(x * this._scale - this._origin.x, y * this._scale - this._origin.y);
        },

        _project: function () {
            const map = this._map;
            this._scale = map.getZoomScale(map.getZoom(), 0);
            this._origin = map.getPixelOrigin();
            this._updateBounds();
        },

        _updateBounds: function () {
            this.outlines();
            const w = this._clickTolerance(), b = this._box, min = this._layerPoint(b[0], b[1]), max = this._layerPoint(b[2], b[3]);
            this._pxBounds = L.bounds(min.subtract([w, w]), max.add([w, w]));
        },

        _update: function () {
            if (this._map) this._updatePath();
        },

        _updatePath: function () {
            this._renderer._updateShape(this);
        },

        _containsPoint: function (p) {
            if (!this._pxBounds || !this._pxBounds.contains(p)) return false;
            if (this.closed) return this.holds((p.x + this._origin.x) / this._scale, (p.y + this._origin.y) / this._scale);
            const w = this._clickTolerance();
            for (const ring of this.outlines()) {
                for (let i = 2; i < ring.length; i += 2) {
                    const a = this._layerPoint(ring[i - 2], ring[i - 1]), b = this._layerPoint(ring[i], ring[i + 1]);
                    if (L.LineUtil.pointToSegmentDistance(p, a, b) <= w) return true;
                }
            }
            return false;
        },
    });

    // Base64's letters as pack_shape writes numbers with them (kzviewer.mapping.page.digits).
    const DIGIT = new Int8Array(128).fill(-1);
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach((c, i) => { DIGIT[c.charCodeAt(0)] = i; });

    /* A ring's points, x, y, x, y, ..., in pixels at zoom 0, from its steps
     * written as letters: five bits a letter, lowest first, 32 added to all
     * of a number's letters but its last; each number zigzagged (0, -1, 1,
     * -2 ... as 0, 1, 2, 3 ...) and the difference from the one two before;
     * `box` ([minX, minY, maxX, maxY]) grown to hold them. */
    function unpack(text, k, box) {
        let count = 0;
        for (let i = 0; i < text.length; i++) if (!(DIGIT[text.charCodeAt(i)] & 32)) count++;
        const ring = new Float64Array(count), sums = [0, 0];
        // The largest number is a point's x at 256 × 2048 steps: 21 bits zigzagged, 32-bit arithmetic will do.
        for (let i = 0, n = 0, z = 0, shift = 0; i < text.length; i++) {
            const digit = DIGIT[text.charCodeAt(i)];
            z |= (digit & 31) << shift;
            if (digit & 32) {
                shift += 5;
                continue;
            }
            const axis = n & 1;
            sums[axis] += (z >>> 1) ^ -(z & 1);
            const value = (ring[n++] = sums[axis] / k);
            if (value < box[axis]) box[axis] = value;
            if (value > box[axis + 2]) box[axis + 2] = value;
            z = shift = 0;
        }
        return ring;
    }

    function inBox(b, x, y) {
        return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
    }

    // A shape drawn straight from its outlines: those out of the canvas's
    // bounds skipped, and points closer than half a pixel to the last one drawn.
    L.Canvas.include({
        _updateShape: function (layer) {
            if (!this._drawing) return;
            const ctx = this._ctx, s = layer._scale, ox = layer._origin.x, oy = layer._origin.y, view = this._bounds;
            ctx.beginPath();
            layer.outlines().forEach(function (ring, r) {
                const b = layer._boxes[r];
                if (b[2] * s - ox < view.min.x || b[0] * s - ox > view.max.x || b[3] * s - oy < view.min.y || b[1] * s - oy > view.max.y) return;
                let lx = ring[0] * s - ox, ly = ring[1] * s - oy;
                ctx.moveTo(lx, ly);
                for (let i = 2; i < ring.length; i += 2) {
                    const x = ring[i] * s - ox, y = ring[i + 1] * s - oy;
                    if (Math.abs(x - lx) < 0.5 && Math.abs(y - ly) < 0.5 && i < ring.length - 2) continue;
                    ctx.lineTo(x, y);
                    lx = x;
                    ly = y;
                }
                if (layer.closed) ctx.closePath();
            });
            this._fillStroke(ctx, layer);
        },
    });

    // Leaflet looks at what is under the mouse at most once in 32 ms and drops
    // the moves in between: a mouse that stopped within that time went on
    // showing the name of what it had left.  The last move dropped is looked
    // at once the 32 ms are up (unless the mouse has left the map meanwhile).
    const hover = L.Canvas.prototype._handleMouseHover, out = L.Canvas.prototype._handleMouseOut;
    L.Canvas.include({
        _handleMouseHover: function (e, point) {
            if (!this._mouseHoverThrottled) {
                this._lastMove = null;
                hover.call(this, e, point);
                return;
            }
            this._lastMove = [e, point];
            if (this._lookAgain) return;
            this._lookAgain = setTimeout(() => {
                this._lookAgain = null;
                const last = this._lastMove, map = this._map;
                if (last && map && !map.dragging.moving() && !map._animatingZoom) this._handleMouseHover(last[0], last[1]);
            }, 33);
        },

        _handleMouseOut: function (e) {
            if (e && e.type === "mouseout") this._lastMove = null;
            out.call(this, e);
        },
    });
})();
