// The SOS alarm sound. Browsers refuse audio.play() until the user has interacted with the page; when that happens the
// banner shows an "enable sound" button, and the first click or key press anywhere on the page starts the sound too.
// Alarms are tracked by the banner's key, so that stopping works after Blazor has removed the <audio> element.
const alarms = new Map();

export async function start(key, audio, owner) {
    const entry = alarms.get(key) ?? { armed: false };
    entry.audio = audio;
    entry.owner = owner;
    entry.wanted = true;
    alarms.set(key, entry);
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
                    await entry.audio.play();
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

export function stop(key) {
    const entry = alarms.get(key);
    if (!entry) {
        return;
    }
    entry.wanted = false;
    entry.owner = null;
    entry.audio?.pause();
    if (entry.audio) {
        entry.audio.currentTime = 0;
    }
}

export function forget(key) {
    stop(key);
    alarms.delete(key);
}
