// The wall's browser side: fit the 1920×1080 canvas to the window, tick the clock, show the connection state instead of
// Blazor's reconnect dialog, heal after a server restart or a deploy, and announce stale data while offline.
// Nothing on window; everything stops in dispose().

const DESIGN_WIDTH = 1920;
const DESIGN_HEIGHT = 1080;
const root = document.documentElement;

function fit(viewport) {
    const canvas = viewport.querySelector('.wall-canvas');
    if (!canvas) {
        return;
    }
    const scale = Math.min(window.innerWidth / DESIGN_WIDTH, window.innerHeight / DESIGN_HEIGHT);
    const left = (window.innerWidth - DESIGN_WIDTH * scale) / 2;
    const top = (window.innerHeight - DESIGN_HEIGHT * scale) / 2;
    canvas.style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
    root.style.setProperty('--wall-scale', String(scale));
}

function chinaClock() {
    const d = new Date(Date.now() + 8 * 3600 * 1000);
    const p = n => String(n).padStart(2, '0');
    return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

async function reachable(url) {
    try {
        const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
        return response.ok;
    } catch {
        return false;
    }
}

export function start(viewport, options) {
    let disposed = false;
    let disconnectedAt = null;
    let healing = false;
    const timers = [];

    const setConnection = state => {
        root.dataset.wallConnection = state;
        if (state === 'connected') {
            disconnectedAt = null;
            delete root.dataset.wallStale;
        } else if (disconnectedAt === null) {
            disconnectedAt = Date.now();
        }
    };

    // Reload only when the server answers again, so the wall never lands on a browser error page.
    const reloadWhenReachable = async () => {
        if (healing || disposed) {
            return;
        }
        healing = true;
        while (!disposed) {
            if (await reachable(options.healthUrl)) {
                location.reload();
                return;
            }
            await new Promise(r => setTimeout(r, 2000));
        }
    };

    // After Blazor gives up retrying: keep trying to resume the circuit; if the server no longer knows it, reload.
    const retryForever = async () => {
        if (healing || disposed) {
            return;
        }
        healing = true;
        while (!disposed) {
            if (await reachable(options.healthUrl)) {
                let resumed = false;
                try {
                    resumed = await Blazor.reconnect();
                } catch {
                    resumed = false;
                }
                if (!resumed) {
                    location.reload();
                }
                healing = false;
                return;
            }
            await new Promise(r => setTimeout(r, 3000));
        }
    };

    const checkBuild = async () => {
        try {
            const response = await fetch(options.buildUrl, { cache: 'no-store', credentials: 'same-origin' });
            if (response.ok) {
                const body = await response.json();
                if (body.build && body.build !== options.build) {
                    location.reload();
                }
            }
        } catch {
            // Offline: the connection indicator already says so.
        }
    };

    const onReconnectState = event => {
        const state = event.detail?.state;
        if (state === 'show' || state === 'retrying') {
            setConnection('reconnecting');
        } else if (state === 'hide') {
            setConnection('connected');
            checkBuild();
        } else if (state === 'failed' || state === 'paused' || state === 'resume-failed') {
            setConnection('offline');
            retryForever();
        } else if (state === 'rejected') {
            setConnection('offline');
            reloadWhenReachable();
        }
    };

    const modal = document.getElementById('components-reconnect-modal');
    modal?.addEventListener('components-reconnect-state-changed', onReconnectState);
    // Blazor also toggles classes on that element; watch them too (older paths raise no event).
    const observer = modal ? new MutationObserver(() => {
        if (modal.classList.contains('components-reconnect-rejected')) {
            onReconnectState({ detail: { state: 'rejected' } });
        } else if (modal.classList.contains('components-reconnect-failed')) {
            onReconnectState({ detail: { state: 'failed' } });
        } else if (modal.classList.contains('components-reconnect-show')) {
            onReconnectState({ detail: { state: 'show' } });
        } else if (root.dataset.wallConnection !== 'connected') {
            onReconnectState({ detail: { state: 'hide' } });
        }
    }) : null;
    observer?.observe(modal, { attributes: true, attributeFilter: ['class'] });

    const onResize = () => fit(viewport);
    window.addEventListener('resize', onResize);
    fit(viewport);
    setConnection('connected');
    root.dataset.wallReady = 'true';

    timers.push(setInterval(() => {
        const clock = viewport.querySelector('[data-wall-clock]');
        if (clock) {
            clock.textContent = chinaClock();
        }
        if (disconnectedAt !== null && Date.now() - disconnectedAt > options.staleAfterSeconds * 1000) {
            root.dataset.wallStale = 'client';
        }
    }, 1000));
    timers.push(setInterval(checkBuild, 60000));

    return {
        dispose() {
            disposed = true;
            timers.forEach(clearInterval);
            window.removeEventListener('resize', onResize);
            modal?.removeEventListener('components-reconnect-state-changed', onReconnectState);
            observer?.disconnect();
            delete root.dataset.wallConnection;
            delete root.dataset.wallStale;
            delete root.dataset.wallReady;
        },
    };
}
