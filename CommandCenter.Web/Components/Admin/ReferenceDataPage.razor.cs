using CommandCenter.Data.Incidents;
using CommandCenter.Web.Api.Admin;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;
using CommandCenter.Data.Auditing;

namespace CommandCenter.Web.Components.Admin;

/// <summary>
/// /admin/reference-data: administrators maintain the incident categories and handling units (through the same
/// <see cref="ReferenceDataEditor"/> as the API, audited) and see the configured time limits and escalation rules.
/// </summary>
public sealed partial class ReferenceDataPage
{
    private IReadOnlyList<CategoryRecord>? _categories;
    private IReadOnlyList<HandlingUnitRecord>? _units;
    private CategoryForm _category = new();
    private UnitForm _unit = new();
    private CategoryKind? _kindFilter;
    private string? _search;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ReferenceDataEditor Editor { get; set; } = default!;

    [Inject]
    private IOptions<SlaOptions> Sla { get; set; } = default!;

    [Inject]
    private IOptions<SlaWatchOptions> SlaWatch { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ReferenceDataResource> Text { get; set; } = default!;

    /// <summary>The categories shown (for tests).</summary>
    public IReadOnlyList<CategoryRecord>? Categories => _categories;

    private IEnumerable<CategoryRecord> VisibleCategories => (_categories ?? [])
        .Where(c => _kindFilter is null || c.Kind == _kindFilter)
        .Where(c => string.IsNullOrWhiteSpace(_search)
            || c.Code.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
            || c.MajorName.Contains(_search.Trim(), StringComparison.Ordinal)
            || c.MinorName.Contains(_search.Trim(), StringComparison.Ordinal));

    private IEnumerable<(string Label, SlaClockMinutes Clocks)> SlaRows =>
        Enum.GetValues<IncidentPriority>()
            .Select(p => ((string)Text[$"Priority.{p}"], Sla.Value.ByPriority.TryGetValue(p, out var clocks) ? clocks : Sla.Value.Default))
            .Append((Text["Sla.Sos"], Sla.Value.Sos));

    private IReadOnlyList<EscalationRule> Escalation => SlaWatch.Value.Escalation;

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    private async Task ReloadAsync()
    {
        _categories = await Editor.CategoriesAsync();
        _units = await Editor.HandlingUnitsAsync();
    }

    private string SlaText(CategoryRecord c) => c.RespondMinutes is null && c.ReplyMinutes is null && c.ResolveMinutes is null
        ? Text["Default"]
        : $"{Minutes(c.RespondMinutes)} / {Minutes(c.ReplyMinutes)} / {Minutes(c.ResolveMinutes)}";

    private string Minutes(int? minutes) => minutes?.ToString(System.Globalization.CultureInfo.CurrentCulture) ?? Text["Default"];

    private void NewCategory() => _category = new CategoryForm { Kind = _kindFilter ?? CategoryKind.Event };

    private void EditCategory(CategoryRecord c) => _category = new CategoryForm
    {
        Id = c.Id, Code = c.Code, Kind = c.Kind, MajorCode = c.MajorCode, MinorCode = c.MinorCode, MajorName = c.MajorName, MinorName = c.MinorName,
        RespondMinutes = c.RespondMinutes, ReplyMinutes = c.ReplyMinutes, ResolveMinutes = c.ResolveMinutes, IsActive = c.IsActive,
    };

    private void NewUnit() => _unit = new UnitForm();

    private void EditUnit(HandlingUnitRecord u) => _unit = new UnitForm
    {
        Id = u.Id, Name = u.Name, Tier = u.Tier, AreaCode = u.AreaCode, Contact = u.Contact, IsActive = u.IsActive,
    };

    private Task SaveCategoryAsync() => SaveAsync(async actor =>
    {
        var f = _category;
        var noSla = f.RespondMinutes is null && f.ReplyMinutes is null && f.ResolveMinutes is null;
        var edit = new CategoryEdit(f.Kind, f.MajorCode?.Trim(), f.MajorName, f.MinorCode?.Trim(), f.MinorName,
            f.RespondMinutes, f.ReplyMinutes, f.ResolveMinutes, f.IsActive, ClearSla: f.Id != 0 && noSla);
        var result = f.Id == 0 ? await Editor.CreateCategoryAsync(edit, actor) : await Editor.UpdateCategoryAsync(f.Id, edit, actor);
        if (result.Succeeded)
        {
            EditCategory(result.Value!);
        }
        return (result.Succeeded, Describe(result.Errors, result.Message));
    });

    private Task SaveUnitAsync() => SaveAsync(async actor =>
    {
        var f = _unit;
        var edit = new HandlingUnitEdit(f.Name, f.Tier, f.AreaCode, f.Contact ?? string.Empty, f.IsActive);
        var result = f.Id == 0 ? await Editor.CreateHandlingUnitAsync(edit, actor) : await Editor.UpdateHandlingUnitAsync(f.Id, edit, actor);
        if (result.Succeeded)
        {
            EditUnit(result.Value!);
        }
        return (result.Succeeded, Describe(result.Errors, result.Message));
    });

    private async Task SaveAsync(Func<AuditActor, Task<(bool Succeeded, string? Problem)>> save)
    {
        _busy = true;
        try
        {
            var user = (await AuthenticationState).User;
            var (succeeded, problem) = await save(AuditActor.From(user));
            (_message, _messageSeverity) = succeeded ? (Text["Saved"], Severity.Success) : (Text["Failed", problem ?? string.Empty], Severity.Error);
            if (succeeded)
            {
                await ReloadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private static string? Describe(IReadOnlyDictionary<string, string[]>? errors, string? message) =>
        errors is { Count: > 0 } ? string.Join("；", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))) : message;

    private sealed class CategoryForm
    {
        public int Id { get; set; }
        public string? Code { get; set; }
        public CategoryKind Kind { get; set; } = CategoryKind.Event;
        public string? MajorCode { get; set; }
        public string? MinorCode { get; set; }
        public string? MajorName { get; set; }
        public string? MinorName { get; set; }
        public int? RespondMinutes { get; set; }
        public int? ReplyMinutes { get; set; }
        public int? ResolveMinutes { get; set; }
        public bool IsActive { get; set; } = true;
    }

    private sealed class UnitForm
    {
        public int Id { get; set; }
        public string? Name { get; set; }
        public HandlingTier Tier { get; set; } = HandlingTier.Community;
        public string? AreaCode { get; set; }
        public string? Contact { get; set; }
        public bool IsActive { get; set; } = true;
    }
}
