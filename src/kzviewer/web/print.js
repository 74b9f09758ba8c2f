/* Maps that are not the lecture's main map: the presenter console's small
 * preview, and the map drawn for printed pages.
 *
 * Pictures of a printed page's map are taken from frames that the web engine
 * delivers a little later than it draws them: the frame tag, a few pixels in
 * the bottom-right corner in a colour Python chooses for each move, tells
 * the picture-taker which move a frame shows (kzviewer/qt/mapview.py).
 */
(function () {
    "use strict";

    const kz = window.kz;
    let tag = null;

    const print = (kz.print = {});

    /* {mode: "window" | "preview" | "print", tag_px}: a preview has no
     * controls and no legend; a printed map no zoom buttons, larger names,
     * and the frame tag. */
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
        if (tag === null) {
            tag = L.DomUtil.create("div", "kz-frame-tag", map.getContainer());
            tag.style.width = tag.style.height = Number(options.tag_px) + "px";
        }
    };

    /* Colour the frame tag: the frame showing this colour shows the latest move. */
    print.tag = function (colour) {
        if (tag !== null) tag.style.background = colour;
    };
})();
