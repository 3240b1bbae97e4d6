// Keyboard shortcuts of the incident page: single letters, ignored while typing in a field or with a modifier held.
export function listen(owner) {
    const handler = event => {
        if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) {
            return;
        }
        const target = event.target;
        const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
        if (typing && event.key !== 'Escape') {
            return;
        }
        if (event.key.length === 1 || event.key === 'Escape') {
            owner.invokeMethodAsync('OnShortcut', event.key).catch(() => { });
        }
    };
    document.addEventListener('keydown', handler);
    return { dispose: () => document.removeEventListener('keydown', handler) };
}

export function unlisten(listener) {
    listener?.dispose();
}
