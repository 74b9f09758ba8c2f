/* The pen's ink on the map: strokes kept as latitude and longitude, so that
 * they stay on their places however the map is moved or sized.
 */
(function () {
    "use strict";

    const kz = window.kz;
    const INK = {color: "#e4002b", weight: 4, opacity: 0.9, lineCap: "round", lineJoin: "round", interactive: false};
    let group = null;

    const ink = (kz.ink = {});

    ink.init = function (map) {
        group = L.layerGroup().addTo(map);
    };

    /* Draw these strokes, each a list of [lat, lon], in place of the ones shown. */
    ink.draw = function (strokes) {
        group.clearLayers();
        for (const points of strokes) {
            if (points.length === 1) group.addLayer(L.circleMarker(points[0], Object.assign({radius: 2}, INK)));
            else group.addLayer(L.polyline(points, INK));
        }
    };

    /* Points on the map's pane (CSS pixels from its top-left) as [lat, lon]. */
    ink.toLatLngs = function (points) {
        const map = kz.page.map;
        return points.map(([x, y]) => {
            const at = map.containerPointToLatLng([x, y]);
            return [at.lat, at.lng];
        });
    };

    ink.group = function () {
        return group;
    };
})();
