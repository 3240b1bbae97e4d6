using CommandCenter.Data;
using CommandCenter.Data.Auditing;
using CommandCenter.Web.Api.Admin;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Web.Components.Admin;

/// <summary>
/// /admin/audit: the audit administrator filters the audit log by user, action and China-day range (newest first, paged,
/// details masked), verifies the keyed chain (the check is audited) and exports the filtered entries as CSV
/// (<see cref="AdminAuditEndpoints.ExportPath"/>, audited). Same reads as /api/v1/admin/audit.
/// </summary>
public sealed partial class AuditPage
{
    private const int PageSize = 50;

    private string? _user;
    private string? _action;
    private DateTime? _from;
    private DateTime? _to;
    private AuditFilter _filter = new();
    private AuditEntryPage? _page;
    private AuditChainResult? _verdict;
    private string? _message;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IStringLocalizer<AuditResource> AuditL { get; set; } = default!;

    [Inject]
    private AuditQueries Queries { get; set; } = default!;

    [Inject]
    private AuditChainVerifier Verifier { get; set; } = default!;

    /// <summary>The page shown (for tests).</summary>
    public AuditEntryPage? Shown => _page;

    private int PageCount => _page is { } p ? (p.Total + p.PageSize - 1) / p.PageSize : 0;

    private string ExportUrl => AdminAuditEndpoints.ExportUrl(_filter);

    protected override Task OnInitializedAsync() => LoadAsync(1);

    private Task SearchAsync()
    {
        _message = null;
        if (_from is { } from && _to is { } to && to < from)
        {
            _message = AuditL["BadTime"];
            return Task.CompletedTask;
        }
        // China days: from the start of the first to the end of the last.
        _filter = new AuditFilter(_user, _action,
            _from is { } f ? ChinaDay.Bounds(DateOnly.FromDateTime(f)).Start : null,
            _to is { } t ? ChinaDay.Bounds(DateOnly.FromDateTime(t)).End : null);
        return LoadAsync(1);
    }

    private Task GoToAsync(int page) => LoadAsync(page);

    private async Task LoadAsync(int page)
    {
        _busy = true;
        try
        {
            _page = await Queries.SearchAsync(_filter, page, PageSize);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task VerifyAsync()
    {
        _busy = true;
        try
        {
            _verdict = await Verifier.VerifyForAsync(AuditActor.From((await AuthenticationState).User));
        }
        finally
        {
            _busy = false;
        }
    }
}
