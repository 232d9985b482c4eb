// Connection state and staleness live outside Blazor's render tree on purpose: when the circuit is
// down the server cannot render anything, so the browser itself must say so.
(function () {
    const root = document.documentElement;
    const label = () => document.getElementById('lens-connection-state');

    function setConnection(state) {
        root.dataset.connection = state;
        root.classList.toggle('lens-disconnected', state !== 'connected');
        const l = label();
        if (l) l.textContent = state === 'connected' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Disconnected';
        updateStale();
    }

    // The wall stamps its newest data time on #wall-data (data-updated-ms, data-stale-after-ms).
    function updateStale() {
        const wall = document.getElementById('wall-data');
        if (!wall) { root.classList.remove('lens-stale'); return; }
        const updated = Number(wall.dataset.updatedMs || 0);
        const limit = Number(wall.dataset.staleAfterMs || 30000);
        const age = Date.now() - updated;
        const stale = root.dataset.connection !== 'connected' || !updated || age > limit;
        root.classList.toggle('lens-stale', stale);
        const ageLabel = document.getElementById('wall-stale-age');
        if (ageLabel) ageLabel.textContent = updated ? Math.round(age / 1000) + ' s' : 'unknown';
    }
    setInterval(updateStale, 1000);

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
    }).then(() => setConnection('connected'), () => { setConnection('disconnected'); reconnectLoop(); });

    window.lens = { updateStale };
})();
