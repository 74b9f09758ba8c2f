/* What Python sends the page, checked: a snapshot (kzviewer.mapping.snapshot.MapSnapshot.to_json)
 * made whole, whatever arrives: what is missing or malformed becomes empty or null, never an error.
 */
(function () {
    "use strict";

    const kz = window.kz;
    kz.snapshot = {};

    kz.snapshot.normalise = function (snapshot) {
        const s = isObject(snapshot) ? snapshot : {};
        return {
            state: normaliseState(s.state), selected: normaliseSelected(s.selected), view: normaliseView(s.view),
            ink: normaliseInk(s.ink), zoom: normaliseZoom(s.zoom),
        };
    };

    function normaliseInk(strokes) {
        const point = (p) => Array.isArray(p) && p.length === 2 && within(p[0], -90, 90) && within(p[1], -720, 720);
        return (Array.isArray(strokes) ? strokes : []).filter(Array.isArray)
            .map((stroke) => stroke.filter(point)).filter((stroke) => stroke.length > 0);
    }

    function normaliseZoom(box) {
        if (!Array.isArray(box) || box.length !== 4 || !box.every((x) => within(x, 0, 1))) return null;
        return box[0] < box[2] && box[1] < box[3] ? box.slice() : null;
    }

    function normaliseState(s) {
        s = isObject(s) ? s : {};
        const list = (v) => (Array.isArray(v) ? v : []);
        const strings = (v) => list(v).filter((c) => typeof c === "string");
        return {
            fit: strings(s.fit),
            center: latLon(s.center),
            zoom: within(s.zoom, 0, 18) ? s.zoom : null,
            highlight: strings(s.highlight),
            borders: strings(s.borders),
            places: strings(s.places),
            links: list(s.links).filter((k) => Array.isArray(k) && k.length >= 2),
            layers: strings(s.layers),
        };
    }

    function normaliseSelected(s) {
        if (isObject(s) && typeof s.country === "string") return {country: s.country};
        if (isObject(s) && typeof s.border === "string") return {border: s.border};
        const f = isObject(s) && s.feature;
        if (Array.isArray(f) && typeof f[0] === "string" && Number.isInteger(f[1])) return {feature: [f[0], f[1]]};
        return {};
    }

    function normaliseView(v) {
        if (!isObject(v) || !within(v.zoom, 0, 18) || !Array.isArray(v.center) || v.center.length !== 2) return null;
        // A map panned past 180° has its centre there: the longitude is not wrapped.
        const [lat, lon] = v.center;
        return within(lat, -90, 90) && within(lon, -720, 720) ? {center: [lat, lon], zoom: v.zoom} : null;
    }

    function latLon(v) {
        const ok = Array.isArray(v) && v.length === 2 && within(v[0], -90, 90) && within(v[1], -180, 360);
        return ok ? [v[0], v[1]] : null;
    }

    function within(x, low, high) {
        return typeof x === "number" && isFinite(x) && x >= low && x <= high;
    }

    function isObject(v) {
        return typeof v === "object" && v !== null && !Array.isArray(v);
    }
})();
