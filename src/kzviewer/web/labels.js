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
     * (until the map is zoomed in). */
    labels.declutter = function () {
        const kept = [];
        group.eachLayer((marker) => {
            const element = marker.getElement() && marker.getElement().firstChild;
            if (!element) return;
            element.style.visibility = "";
            const box = element.getBoundingClientRect();
            const overlaps = (other) => box.left < other.right && other.left < box.right
                && box.top < other.bottom && other.top < box.bottom;
            if (kept.some(overlaps)) element.style.visibility = "hidden";
            else kept.push(box);
        });
    };

    labels.group = function () {
        return group;
    };
})();
