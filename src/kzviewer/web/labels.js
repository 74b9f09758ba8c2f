/* The names of the highlighted countries, written on the map; names that
 * would overlap give way to those named first in the slide's highlight list.
 */
(function () {
    "use strict";

    const kz = window.kz;
    let group = null;

    const labels = (kz.labels = {});

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

    /* The first named keeps its place; later ones that would overlap it hide
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
            const half = [widthOf(element.textContent, font.css) / 2, font.px * 0.65];
            const box = {left: point.x - half[0], right: point.x + half[0],
                         top: point.y - half[1], bottom: point.y + half[1]};
            const overlaps = (other) => box.left < other.right && other.left < box.right
                && box.top < other.bottom && other.top < box.bottom;
            const hidden = kept.some(overlaps);
            element.style.visibility = hidden ? "hidden" : "";
            if (!hidden) kept.push(box);
        });
    };

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

    labels.group = function () {
        return group;
    };
})();
