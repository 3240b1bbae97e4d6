// The SOS alarm sound. Browsers refuse audio.play() until the user has interacted with the page; when that happens the
// banner shows an "enable sound" button, and the first click or key press anywhere on the page starts the sound too.
const state = new WeakMap();

export async function start(audio, owner) {
    const entry = state.get(audio) ?? {};
    entry.wanted = true;
    entry.owner = owner;
    state.set(audio, entry);
    try {
        await audio.play();
        return true;
    } catch {
        if (!entry.armed) {
            entry.armed = true;
            const retry = async () => {
                document.removeEventListener('pointerdown', retry, true);
                document.removeEventListener('keydown', retry, true);
                entry.armed = false;
                if (!entry.wanted) {
                    return;
                }
                try {
                    await audio.play();
                    await entry.owner?.invokeMethodAsync('SoundStarted');
                } catch {
                    // still blocked: the button stays
                }
            };
            document.addEventListener('pointerdown', retry, true);
            document.addEventListener('keydown', retry, true);
        }
        return false;
    }
}

export function stop(audio) {
    const entry = state.get(audio);
    if (entry) {
        entry.wanted = false;
        entry.owner = null;
    }
    audio.pause();
    audio.currentTime = 0;
}
