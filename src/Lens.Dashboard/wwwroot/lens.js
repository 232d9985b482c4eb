// Connection state and staleness live outside Blazor's render tree on purpose: when the circuit is
// down the server cannot render anything, so the browser itself must say so.
(function () {
    const root = document.documentElement;
    const label = () => document.getElementById('lens-connection-state');

    // Blazor may rewrite <html> attributes when it syncs the document, so the state lives here and is re-applied.
    let connection = 'connecting';
    function setConnection(state) {
        connection = state;
        applyConnection();
    }
    // Writes only what changed: this runs every second on every open page, and a needless DOM write
    // costs a style and layout pass (on a page of charts, times every dashboard on the machine).
    function setText(el, text) { if (el && el.textContent !== text) el.textContent = text; }
    function setClass(name, on) { if (root.classList.contains(name) !== on) root.classList.toggle(name, on); }
    function applyConnection() {
        const state = connection;
        if (root.dataset.connection !== state) root.dataset.connection = state;
        setClass('lens-disconnected', state === 'disconnected');
        setText(label(), state === 'connected' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Disconnected');
        updateStale();
    }
    function onEnhancedLoad() {
        applyConnection();
    }

    // The wall bumps data-version on #wall-data with every server push (at least every heartbeat).
    // Age is measured on this browser's own clock from the last change it saw, so clock skew between
    // the wall and the server cannot make it look fresh or stale.
    let lastVersion = null;
    let lastChange = Date.now();
    function updateStale() {
        const wall = document.getElementById('wall-data');
        if (!wall) { setClass('lens-stale', false); return; }
        if (wall.dataset.version !== lastVersion) { lastVersion = wall.dataset.version; lastChange = Date.now(); }
        const limit = Number(wall.dataset.staleAfterMs || 30000);
        const age = Date.now() - lastChange;
        const stale = connection !== 'connected' || age > limit;
        setClass('lens-stale', stale);
        if (!stale) return;
        setText(document.getElementById('wall-stale-age'), Math.round(age / 1000) + ' s');
        setText(document.getElementById('wall-stale-reason'), connection !== 'connected' ? 'disconnected from the dashboard server' : 'no fresh data from the server');
    }
    setInterval(applyConnection, 1000);

    let reconnecting = false;
    async function reconnectLoop() {
        if (reconnecting) return;
        reconnecting = true;
        for (;;) {
            await new Promise(r => setTimeout(r, 1500));
            try {
                if (await Blazor.reconnect()) { reconnecting = false; setConnection('connected'); return; }
                // The server answered but no longer knows this circuit (it restarted): start afresh.
                const health = await fetch('/health', { cache: 'no-store' });
                if (health.ok) { location.reload(); return; }
            } catch (e) { /* server still down; keep trying */ }
        }
    }

    setConnection('connecting');
    Blazor.start({
        circuit: {
            reconnectionHandler: {
                onConnectionDown: () => { setConnection('disconnected'); reconnectLoop(); },
                onConnectionUp: () => setConnection('connected'),
            },
        },
    }).then(() => { Blazor.addEventListener?.('enhancedload', onEnhancedLoad); },
            () => { setConnection('disconnected'); reconnectLoop(); });

    // Called by the layout after its first interactive render: the page is wired to the server.
    function markInteractive() { setConnection('connected'); }

    window.lens = { updateStale, markInteractive };
})();
