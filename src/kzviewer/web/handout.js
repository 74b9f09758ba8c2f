/* The HTML handout (kzviewer export DECK -o OUT.html): the slides beside
 * the map, which follows them as in the app.  ← → (and the keys a clicker
 * sends), Home and End move between slides; the address keeps the slide
 * (#/5 opens slide 5); a click on a country or a bold border shows its part
 * in the argument under the slide; OUT.html?notes shows the speaker notes,
 * where the handout has them.
 *
 * Python built everything here (kzviewer/handout.py): the slides' HTML
 * (markdown-it's, raw HTML in a deck shown as text), the pictures as data,
 * each country's report.  No Python and no network: the map page's
 * controller (map.js) keeps the selection itself.
 */
(function () {
    "use strict";

    const kz = window.kz;
    // Not ↓, ↑ and Space: they scroll the page, which a narrow screen needs.
    const NEXT = ["ArrowRight", "PageDown"];      // a clicker sends Page Down and Page Up
    const PREVIOUS = ["ArrowLeft", "PageUp"];

    let data = null, current = 0;
    const parts = {};                // the elements the handout fills in

    document.addEventListener("DOMContentLoaded", function () {
        data = kz.page.data.handout;
        if (!data) return;
        build();
        const country = kz.selection.clicked, border = kz.overlays.borderClicked, feature = kz.data.clicked;
        kz.selection.clicked = function (iso3) {
            country(iso3);
            const values = kz.data.values(iso3).map((v) => "<p><b>" + kz.util.escapeHtml(v.label) + ":</b> "
                + kz.util.escapeHtml(v.value + (v.unit ? " " + v.unit : "")) + "</p>");
            report((data.reports[iso3] || "").replace("</h2>", "</h2>" + values.join("")));
        };
        kz.data.clicked = function (id, index) {
            feature(id, index);
            report(kz.data.report(id, index));
        };
        kz.overlays.borderClicked = function (a, b) {
            border(a, b);
            report(data.borders[kz.util.borderKey(a, b)]);
        };
        document.addEventListener("keydown", onKey);
        window.addEventListener("hashchange", () => go(fromAddress() || current, true));
        window.addEventListener("resize", fit);
        go(fromAddress() || 1, false);
    });

    /* Move to slide `n` (from 1); the map flies there if `animate`. */
    function go(n, animate) {
        n = Math.min(Math.max(1, Math.round(n)), data.slides.length);
        const slide = data.slides[n - 1];
        const changed = n !== current;
        current = n;
        parts.slide.classList.toggle("kz-title-slide", n === 1);
        parts.title.textContent = slide.title;
        parts.body.innerHTML = slide.html;  // markdown-it's HTML, built and checked by Python
        for (const img of parts.body.querySelectorAll("img[data-kz-picture]")) {
            img.addEventListener("load", fit);  // a picture takes room once decoded: fit again
            img.src = data.pictures[Number(img.dataset.kzPicture)] || "";
        }
        for (const a of parts.body.querySelectorAll("a[href]")) {  // links open beside the handout
            a.target = "_blank";
            a.rel = "noopener noreferrer";
        }
        parts.counter.textContent = data.words.counter.replace("{n}", n).replace("{total}", data.slides.length);
        parts.page.textContent = n + " / " + data.slides.length;
        parts.previous.disabled = n === 1;
        parts.next.disabled = n === data.slides.length;
        if (parts.notes) parts.notes.lastChild.innerHTML = slide.notes || "<p><i>" + kz.util.escapeHtml(data.words.noNotes) + "</i></p>";
        if (location.hash !== "#/" + n) history.replaceState(null, "", "#/" + n);
        if (changed) {
            report(null);
            kz.show(slide.map, {animate: animate});
        }
        fit();
    }

    function fromAddress() {
        const match = /^#\/(\d+)$/.exec(location.hash);
        return match ? Number(match[1]) : 0;
    }

    function onKey(event) {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        if (event.target.closest && event.target.closest("a, button, input, select, textarea")) return;
        if (event.key === "0") {  // the map back to the slide's own view
            kz.show(data.slides[current - 1].map, {animate: true});
            report(null);
            return;
        }
        let to = null;
        if (NEXT.includes(event.key)) to = current + 1;
        else if (PREVIOUS.includes(event.key)) to = current - 1;
        else if (event.key === "Home") to = 1;
        else if (event.key === "End") to = data.slides.length;
        if (to === null) return;
        event.preventDefault();
        go(to, true);
    }

    /* The panel: a country's or a border's report, or the hint. */
    function report(html) {
        parts.panel.innerHTML = html || data.words.hint;
    }

    function onPanelClick(event) {
        const link = event.target.closest("a[href]");
        if (!link) return;
        const [kind, value] = link.getAttribute("href").split(":");
        if (kind === "slide" && /^\d+$/.test(value)) go(Number(value), true);
        else if (kind === "country" && data.reports[value]) kz.selection.clicked(value);
        else return;
        event.preventDefault();
    }

    /* The slide drawn at its reference size and scaled to the column; its
     * text made smaller until it fits, as the app does. */
    function fit() {
        const layout = data.layout, scale = parts.frame.clientWidth / layout.width;
        parts.slide.style.transform = "scale(" + scale + ")";
        parts.frame.style.height = layout.height * scale + "px";
        let size = layout.body;
        parts.body.style.fontSize = size + "px";
        while (parts.body.scrollHeight > parts.body.clientHeight + 1 && size > layout.body * layout.smallest) {
            size *= 0.9;
            parts.body.style.fontSize = size + "px";
        }
    }

    function build() {
        const deck = L.DomUtil.create("main", "kz-deck");
        document.body.insertBefore(deck, document.body.firstChild);
        document.title = data.title;
        parts.frame = L.DomUtil.create("div", "kz-frame", deck);
        parts.slide = L.DomUtil.create("article", "kz-slide", parts.frame);
        parts.title = L.DomUtil.create("h1", "kz-title", parts.slide);
        L.DomUtil.create("div", "kz-rule", parts.slide);
        parts.body = L.DomUtil.create("div", "kz-body", parts.slide);
        const footer = L.DomUtil.create("footer", "kz-footer", parts.slide);
        L.DomUtil.create("span", "", footer).textContent = data.title;
        parts.page = L.DomUtil.create("b", "", footer);

        const nav = L.DomUtil.create("nav", "kz-nav", deck);
        parts.previous = button(nav, "◀", data.words.previous, () => go(current - 1, true));
        parts.counter = L.DomUtil.create("span", "kz-counter", nav);
        parts.next = button(nav, "▶", data.words.next, () => go(current + 1, true));
        L.DomUtil.create("span", "kz-keys", nav).textContent = data.words.keys;

        if (data.notes && new URLSearchParams(location.search).has("notes")) {
            parts.notes = L.DomUtil.create("section", "kz-notes", deck);
            L.DomUtil.create("h2", "", parts.notes).textContent = data.words.notes;
            L.DomUtil.create("div", "", parts.notes);
        }
        parts.panel = L.DomUtil.create("section", "kz-panel", deck);
        parts.panel.addEventListener("click", onPanelClick);
        report(null);
    }

    function button(parent, text, title, action) {
        const b = L.DomUtil.create("button", "", parent);
        b.type = "button";
        b.textContent = text;
        b.title = title;
        b.setAttribute("aria-label", title);
        b.addEventListener("click", action);
        return b;
    }
})();
