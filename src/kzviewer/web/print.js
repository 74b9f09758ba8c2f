/* Maps that are not the lecture's main map: the presenter console's small
 * preview, and the map drawn on printed pages.
 */
(function () {
    "use strict";

    const kz = window.kz;

    const print = (kz.print = {});

    /* {mode: "window" | "preview" | "print"}: a preview has no controls and
     * no legend; a printed map no zoom buttons, and larger names. */
    print.setup = function (options) {
        const map = kz.page.map;
        if (options.mode !== "preview" && options.mode !== "print") return;
        if (map.zoomControl) map.zoomControl.remove();
        if (options.mode === "preview") {
            kz.overlays.groups().legend.remove();
            map.attributionControl.remove();
            document.querySelectorAll(".leaflet-control-scale").forEach((el) => el.remove());
            return;
        }
        map.getContainer().classList.add("kz-print");
        // Nobody sees this map: its canvas draws nothing (a printed page's
        // map is described, kz.drawing, not pictured).
        L.Canvas.include({_redraw: function () { this._redrawRequest = null; this._redrawBounds = null; }});
    };

    /* A printed page's map: `snapshot` shown at once (no flight), with every
     * country of the world drawn, as drawing instructions (kz.drawing). */
    print.draw = function (snapshot) {
        kz.addWorld();
        kz.show(snapshot, {animate: false});
        return kz.drawing();
    };
})();
