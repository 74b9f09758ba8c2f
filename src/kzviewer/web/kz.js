/* kzviewer's map page: the namespace its parts share, and small helpers.
 *
 * Python builds the page once (kzviewer/mapping/page.py) with these files in
 * this order: (in the app's page only, channel.js, before Leaflet) kz.js,
 * shapes.js, frame.js, camera.js, selection.js, datalayers.js, labels.js,
 * overlays.js, ink.js, drawing.js, print.js, snapshot.js, map.js.  Each adds
 * one part to window.kz; map.js starts them and is what Python calls (kz.show
 * with a snapshot of what the audience sees).
 */
(function () {
    "use strict";

    const kz = (window.kz = window.kz || {});

    /* What every part reads: the Leaflet map, the data the page was built
     * with (layers, groups, places), the QWebChannel bridge to Python (null
     * in a browser), and each country's name, label point and box. */
    kz.page = {map: null, data: null, bridge: null, countries: {}};

    let measure = null;  // a canvas to measure text with
    const widths = new Map();  // font and text -> width, as measured

    kz.util = {
        /* A border's key, as Python writes it (kzviewer.geo.data.border_key). */
        borderKey(a, b) {
            return a < b ? a + "-" + b : b + "-" + a;
        },

        nameOf(iso3) {
            const info = kz.page.countries[iso3];
            return info ? info.name : iso3;
        },

        escapeHtml(text) {
            return String(text).replace(/[&<>"']/g, (ch) => ({
                "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
            })[ch]);
        },

        /* How wide `text` is written in `font` (a CSS font), in CSS pixels, without laying out the page. */
        textWidth(text, font) {
            const key = font + "\n" + text;
            if (!widths.has(key)) {
                measure = measure || document.createElement("canvas").getContext("2d");
                measure.font = font;
                widths.set(key, measure.measureText(text).width);
            }
            return widths.get(key);
        },

        /* Where an element shown over the map lies in its pane, as
         * {left, top, right, bottom} in CSS pixels; null if it is not shown. */
        paneBox(element) {
            if (!element || !element.isConnected) return null;
            const r = element.getBoundingClientRect(), pane = kz.page.map.getContainer().getBoundingClientRect();
            if (!r.width || !r.height) return null;  // hidden (display: none, an empty legend)
            return {left: r.left - pane.left, top: r.top - pane.top, right: r.right - pane.left, bottom: r.bottom - pane.top};
        },

        /* Run `then` once the frame showing the current state has been produced. */
        afterPaint(then) {
            requestAnimationFrame(() => requestAnimationFrame(then));
        },
    };
})();
