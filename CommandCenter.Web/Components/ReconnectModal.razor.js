// The dialog's "reload" links, without inline handlers (the Content-Security-Policy allows no inline script).
// Capturing on window runs before Blazor's navigation interception, so the link reloads the page instead of following href.
window.addEventListener('click', event => {
    const link = event.target instanceof Element ? event.target.closest('a[data-cc-reload]') : null;
    if (link) {
        event.preventDefault();
        event.stopPropagation();
        location.reload();
    }
}, true);
