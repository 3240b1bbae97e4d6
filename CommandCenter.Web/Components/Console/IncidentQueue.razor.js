// Keyboard shortcuts of the queue: J/K or the arrows move the cursor, Enter or O opens, / searches, 1–4 switch views.
// Ignored while typing in a field (Escape leaves the field) or with a modifier held.
export function listen(owner, panel) {
    const handler = event => {
        if (event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        const target = event.target;
        const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
        if (typing) {
            if (event.key === 'Escape') {
                target.blur();
            }
            return;
        }
        if (!panel.isConnected || panel.offsetParent === null) {
            return; // the queue's tab is not shown
        }
        if (event.key === '/') {
            event.preventDefault();
            panel.querySelector('.cc-queue-search input')?.focus();
            return;
        }
        if (['ArrowDown', 'ArrowUp', 'Enter'].includes(event.key) || event.key.length === 1) {
            if (event.key.startsWith('Arrow')) {
                event.preventDefault();
            }
            owner.invokeMethodAsync('OnShortcut', event.key).catch(() => { });
        }
    };
    document.addEventListener('keydown', handler);
    return { dispose: () => document.removeEventListener('keydown', handler) };
}

// Brings the cursor's row (0-based `index` in the grid's order) into view, in the grid's scroller and in the window.
// Rows are virtualised: when the row is not rendered yet, scroll the grid to where it will be, then once it is.
export function reveal(panel, index) {
    const cursorRow = () => panel.querySelector('tr.cc-row-cursor');
    const row = cursorRow();
    if (row) {
        row.scrollIntoView({ block: 'nearest' });
        return;
    }
    const scroller = panel.querySelector('.mud-table-container');
    const height = panel.querySelector('tbody tr.mud-table-row')?.offsetHeight || 48;
    if (scroller) {
        scroller.scrollTop = Math.max(0, index * height - scroller.clientHeight / 2);
    }
    requestAnimationFrame(() => requestAnimationFrame(() => cursorRow()?.scrollIntoView({ block: 'nearest' })));
}

export function unlisten(listener) {
    listener?.dispose();
}
