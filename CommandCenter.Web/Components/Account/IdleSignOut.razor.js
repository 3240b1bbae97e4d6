// Reports user input (pointer, keyboard, touch, wheel) to the circuit at most once per interval, and slides the
// sign-in cookie with a same-origin request: SignalR traffic alone never keeps an idle page signed in.
const events = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'];
let state = null;

function onInput() {
    if (!state) {
        return;
    }
    const now = Date.now();
    if (now - state.last < state.interval) {
        return;
    }
    state.last = now;
    state.dotNet.invokeMethodAsync('ReportInput').catch(() => { });
    fetch('account/keep-alive', { credentials: 'same-origin', cache: 'no-store' }).catch(() => { });
}

export function start(dotNet, interval) {
    stop();
    state = { dotNet, interval, last: Date.now() };
    for (const name of events) {
        window.addEventListener(name, onInput, { passive: true, capture: true });
    }
}

export function stop() {
    for (const name of events) {
        window.removeEventListener(name, onInput, { capture: true });
    }
    state = null;
}
