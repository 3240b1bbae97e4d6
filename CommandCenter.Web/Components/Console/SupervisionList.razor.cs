using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Components.Console;

/// <summary>Open supervisions in the officer's area by handling unit; the reminder goes through <see cref="SupervisionReminderService"/>.</summary>
public sealed partial class SupervisionList
{
    private IReadOnlyList<SupervisionRow> _rows = [];
    private DateTime _now;
    private bool _busy;

    [Inject]
    private IDbContextFactory<CommandCenterDbContext> Contexts { get; set; } = default!;

    [Inject]
    private SupervisionReminderService Reminders { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ConsoleResource> Text { get; set; } = default!;

    [Parameter, EditorRequired]
    public ActingOfficer Officer { get; set; } = default!;

    public IReadOnlyList<SupervisionRow> Rows => _rows;

    protected override Task OnInitializedAsync() => ReloadAsync();

    public async Task ReloadAsync()
    {
        _now = Time.GetUtcNow().UtcDateTime;
        _rows = await ConsoleQueries.SupervisionsAsync(Contexts, Officer.ScopeCode, CancellationToken.None);
    }

    private bool CanRemind(SupervisionRow row) => row.LastRemindedAt is not { } at || _now - at >= SupervisionReminderService.MinimumInterval;

    private async Task RemindAsync(SupervisionRow row)
    {
        _busy = true;
        try
        {
            var result = await Reminders.RemindAsync(row.Id, Officer);
            if (result.Succeeded)
            {
                Snackbar.Add(Text["Supervision.RemindSent", row.HandlingUnit ?? Text["Supervision.NoUnit"].Value, row.Number], Severity.Success);
            }
            else if (result.Status == OperationStatus.Conflict && result.Value?.LastRemindedAt is { } at)
            {
                Snackbar.Add(Text["Supervision.TooSoon", at.ToLocalTime().ToString("HH:mm:ss")], Severity.Warning);
            }
            else
            {
                Snackbar.Add(Text[$"Result.{result.Status}"], Severity.Error);
            }
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
