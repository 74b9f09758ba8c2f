/* The channel to Python, opened the moment Qt's qwebchannel.js has run
 * (the app's page only; kzviewer/mapping/page.py puts this file right
 * after it, before Leaflet).  Its handshake with Python then travels while
 * Leaflet and the map's data are read, and its answer is taken between two
 * of the page's scripts: opened later (as map.js ran) it waited behind the
 * whole first drawing of the map.  kz.channel resolves to the "bridge"
 * object (kzviewer/qt/bridge.py); map.js waits for it.
 */
(function () {
    "use strict";

    const kz = (window.kz = window.kz || {});
    const transport = window.qt && window.qt.webChannelTransport;
    kz.channel = new Promise(function (resolve) {
        if (typeof QWebChannel === "undefined" || !transport) resolve(null);
        else new QWebChannel(transport, (ch) => resolve(ch.objects.bridge));
    });
})();
