/* The map as drawing instructions, not a picture: what the canvas shows
 * (countries, borders, arrows, place dots) as paths, and the names, the
 * legend, the scale and the credit as boxes and lines of text, in CSS pixels
 * of the map's pane, in the order they are drawn.  Python paints them into a
 * PDF page (kzviewer/qt/mapdrawing.py): the printed map is vector drawing
 * and its words are text that a reader can search and copy.
 */
(function () {
    "use strict";

    const kz = window.kz;
    // Never printed: what only a mouse brings up, and the zoom buttons.
    const SKIP = ".leaflet-tooltip, .leaflet-popup, .leaflet-control-zoom";
    const STEPS = 4;  // paths' points in quarter pixels, as whole numbers (kzviewer/qt/mapdrawing.py)

    /* {width, height, background, items}: the map as it stands now. */
    kz.drawing = function () {
        const map = kz.page.map, size = map.getSize(), container = map.getContainer();
        const items = [];
        paths(map, items);
        walk(container, container.getBoundingClientRect(), items);
        return {width: size.x, height: size.y, background: getComputedStyle(container).backgroundColor, items: items};
    };

    /* The canvas's paths, in the order the canvas draws them. */
    function paths(map, items) {
        const renderers = new Set();
        map.eachLayer((layer) => { if (layer instanceof L.Path && layer._renderer) renderers.add(layer._renderer); });
        const offset = map.layerPointToContainerPoint([0, 0]);
        const round = (v) => Math.round(v * 10) / 10, step = (v) => Math.round(v * STEPS);
        for (const renderer of renderers) {
            // Leaflet's canvas keeps its paths in a list in drawing order (bringToFront moves them).
            for (let order = renderer._drawFirst; order; order = order.next) {
                const layer = order.layer, o = layer.options;
                const style = {
                    stroke: o.stroke ? o.color : null, opacity: o.opacity, width: o.weight,
                    fill: o.fill ? o.fillColor || o.color : null, fillOpacity: o.fillOpacity,
                    cap: o.lineCap, join: o.lineJoin, dash: o.dashArray || null,
                };
                if (layer instanceof kz.data.Dots) {  // a data layer's points, in one path
                    if (layer._empty()) continue;
                    const flat = layer._points.flatMap((p) => [step(p.x + offset.x), step(p.y + offset.y)]);
                    items.push(Object.assign({k: "dots", points: flat, r: layer.options.radius}, style));
                    continue;
                }
                if (layer instanceof L.CircleMarker) {
                    if (layer._empty()) continue;
                    const p = layer._point;
                    items.push(Object.assign({k: "circle", x: round(p.x + offset.x), y: round(p.y + offset.y), r: layer._radius}, style));
                    continue;
                }
                const drawn = layer instanceof kz.Shape ? layer.parts() : layer._parts || [];
                const parts = drawn.filter((part) => part.length > 1);
                if (!parts.length) continue;
                items.push(Object.assign({
                    k: "path", closed: layer instanceof L.Polygon || (layer instanceof kz.Shape && layer.closed),
                    parts: parts.map((part) => part.flatMap((p) => [step(p.x + offset.x), step(p.y + offset.y)])),
                }, style));
            }
        }
    }

    /* The elements over the map, in document order: a box for each with a
     * background or a border, a text item for each line of its text. */
    function walk(element, origin, items) {
        for (const child of element.children) {
            if (child.matches(SKIP) || child.tagName === "CANVAS") continue;
            const style = getComputedStyle(child);
            if (style.display === "none" || style.visibility === "hidden" || Number(style.opacity) === 0) continue;
            box(child, style, origin, items);
            for (const node of child.childNodes) {
                if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) text(node, style, origin, items);
            }
            walk(child, origin, items);
        }
    }

    function box(element, style, origin, items) {
        // Each side's [width, colour], or null where it has none.
        const sides = ["Top", "Right", "Bottom", "Left"].map(function (side) {
            const width = parseFloat(style["border" + side + "Width"]) || 0;
            const drawn = width > 0 && style["border" + side + "Style"] !== "none";
            return drawn ? [width, style["border" + side + "Color"]] : null;
        });
        const fill = transparent(style.backgroundColor) ? null : style.backgroundColor;
        const shadow = style.boxShadow !== "none";
        if (!fill && !shadow && !sides.some(Boolean)) return;
        const r = element.getBoundingClientRect();
        if (!r.width || !r.height) return;
        items.push({
            k: "box", x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height,
            fill: fill, radius: parseFloat(style.borderTopLeftRadius) || 0, shadow: shadow,
            borders: sides,
        });
    }

    /* One item per line the text node is laid out on. */
    function text(node, style, origin, items) {
        const halo = style.textShadow !== "none" ? (style.textShadow.match(/rgba?\([^)]*\)/) || [null])[0] : null;
        const font = {
            size: parseFloat(style.fontSize), weight: Number(style.fontWeight) || 400,
            italic: style.fontStyle === "italic", color: style.color, halo: halo,
        };
        for (const line of lines(node)) {
            const r = line.rect;
            items.push(Object.assign({
                k: "text", text: line.text, x: r.left - origin.left, y: r.top - origin.top, w: r.right - r.left, h: r.bottom - r.top,
            }, font));
        }
    }

    /* A text node's lines: {text, rect}, found character by character where it wraps. */
    function lines(node) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = range.getClientRects();
        const tidy = (s) => s.replace(/\s+/g, " ").trim();
        if (rects.length <= 1) return rects.length ? [{text: tidy(node.textContent), rect: rects[0]}] : [];
        const found = [], raw = node.textContent;
        let line = null;
        for (let i = 0; i < raw.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const r = range.getBoundingClientRect();
            if (!r.width || !r.height) continue;  // white space collapsed away
            if (line === null || Math.abs(r.top - line.rect.top) > r.height / 2) {
                line = {text: "", rect: {left: r.left, top: r.top, right: r.right, bottom: r.bottom}};
                found.push(line);
            }
            line.text += raw[i];
            line.rect.left = Math.min(line.rect.left, r.left);
            line.rect.right = Math.max(line.rect.right, r.right);
            line.rect.bottom = Math.max(line.rect.bottom, r.bottom);
        }
        return found.map((l) => ({text: tidy(l.text), rect: l.rect})).filter((l) => l.text);
    }

    function transparent(colour) {
        return !colour || colour === "transparent" || /rgba\(.*,\s*0\)$/.test(colour);
    }
})();
