/* The names of the highlighted countries, written on the map; a name that
 * would overlap one named before it in the slide's highlight list moves
 * aside within its country, or gives way.
 */
(function () {
    "use strict";

    const kz = window.kz;
    let group = null;

    const labels = (kz.labels = {});

    const LINE = 1.55;  // a name's box is this many times its font's size high (DejaVu's line box, 20 px at 13)

    // Where a name may go, in half its width (x) and its height (y) from its
    // point, nearest first: a little aside is better than no name at all.
    const SHIFTS = [];
    for (const dx of [0, -0.25, 0.25, -0.5, 0.5, -1, 1]) {
        for (const dy of [0, -0.5, 0.5, -1, 1]) SHIFTS.push([dx, dy]);
    }
    SHIFTS.sort((a, b) => Math.hypot(a[0] * 2, a[1]) - Math.hypot(b[0] * 2, b[1]));

    labels.init = function (map) {
        group = L.layerGroup().addTo(map);
        map.on("zoomend", labels.declutter);
    };

    labels.draw = function (codes) {
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
        labels.declutter();
    };

    /* The first named keeps its place; a later one that would overlap a
     * name already placed tries the places around its point (above, below,
     * beside, as long as it stays inside its country) before it hides
     * (until the map is zoomed in).  Each name's box is worked out from its
     * point and the width of its text, not read from the page: reading it
     * would lay out the whole page, thousands of place names included. */
    labels.declutter = function () {
        const map = kz.page.map;
        const kept = [];
        let font = null;
        group.eachLayer((marker) => {
            const element = marker.getElement() && marker.getElement().firstChild;
            if (!element) return;
            if (font === null) font = fontOf(element);
            const point = map.latLngToContainerPoint(marker.getLatLng());
            const half = [widthOf(element.textContent, font.css) / 2, font.px * LINE / 2];
            let placed = null;
            for (const [dx, dy] of SHIFTS) {
                const shift = L.point(dx * half[0], dy * half[1] * 2);
                const centre = point.add(shift);
                if ((dx || dy) && !inside(element.dataset.iso3, map.containerPointToLatLng(centre))) continue;
                const box = {left: centre.x - half[0], right: centre.x + half[0],
                             top: centre.y - half[1], bottom: centre.y + half[1]};
                if (!kept.some((other) => overlaps(box, other))) {
                    placed = {box: box, shift: shift};
                    break;
                }
            }
            element.style.visibility = placed ? "" : "hidden";
            element.style.transform = placed && (placed.shift.x || placed.shift.y)
                ? "translate(calc(-50% + " + placed.shift.x + "px), calc(-50% + " + placed.shift.y + "px))" : "";
            if (placed) kept.push(placed.box);
        });
    };

    function overlaps(a, b) {
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }

    /* Whether a point lies inside a country's outline (any of its polygons, outside their holes). */
    function inside(iso3, latlng) {
        for (const layer of kz.selection.layers[iso3] || []) {
            if (!layer.getLatLngs) continue;
            let polygons = layer.getLatLngs();
            if (L.LineUtil.isFlat(polygons)) polygons = [[polygons]];
            else if (L.LineUtil.isFlat(polygons[0])) polygons = [polygons];
            for (const rings of polygons) {
                if (rings.length && within(rings[0], latlng) && !rings.slice(1).some((hole) => within(hole, latlng))) {
                    return true;
                }
            }
        }
        return false;
    }

    /* Ray casting: an odd number of edges crossed on the way east. */
    function within(ring, p) {
        let odd = false;
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const a = ring[i], b = ring[j];
            if ((a.lat > p.lat) !== (b.lat > p.lat)
                && p.lng < (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng) odd = !odd;
        }
        return odd;
    }

    let measure = null;

    function fontOf(element) {
        const style = getComputedStyle(element);
        return {css: style.fontWeight + " " + style.fontSize + " " + style.fontFamily, px: parseFloat(style.fontSize)};
    }

    function widthOf(text, font) {
        measure = measure || document.createElement("canvas").getContext("2d");
        measure.font = font;
        return measure.measureText(text).width;
    }

    labels.inside = inside;  // for the tests' probes

    labels.group = function () {
        return group;
    };
})();
