using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// One incident: description, masked reporter, grid map, SLA clocks, history, and the lifecycle actions. Every action
/// goes through <see cref="IncidentTransitionService"/> (scope, version, allowed transition, arguments, unit) after a
/// role check here, and is audited whether it is applied or refused. A conflict names who acted first.
/// </summary>
public sealed partial class IncidentDetailPage : IAsyncDisposable
{
    public const string AuditPrefix = "incident.";
    public const string RejectedSuffix = ".rejected";

    private readonly CancellationTokenSource _disposed = new();
    private CancellationToken _token;
    private ActingOfficer? _officer;
    private IncidentDetail? _detail;
    private IncidentActions? _actions;
    private bool _missing;
    private bool _busy;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private DateTime _now;
    private IDisposable? _tick;
    private LiveReload? _live;
    private ConsoleScript<IncidentDetailPage>? _script;
    private bool _shortcutsReady;

    [Parameter]
    public long Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IncidentQueries Queries { get; set; } = default!;

    [Inject]
    private IncidentTransitionService Transitions { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    private LiveMetrics Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ConsoleClock Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ConsoleResource> Text { get; set; } = default!;

    [Inject]
    private ILogger<IncidentDetailPage> Logger { get; set; } = default!;

    public IncidentDetail? Detail => _detail;

    public string? Message => _message;

    protected override async Task OnInitializedAsync()
    {
        _token = _disposed.Token;
        _officer = ConsoleOfficer.From((await AuthenticationState).User);
        _now = Time.GetUtcNow().UtcDateTime;
        _live = new LiveReload(Time, Logger, TimeSpan.FromSeconds(1), ReloadIfMovedAsync, StateHasChanged, InvokeAsync, Live);
        _tick = Clock.Subscribe(now => InvokeAsync(() =>
        {
            _now = now;
            StateHasChanged();
        }));
    }

    protected override async Task OnParametersSetAsync()
    {
        _message = null;
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        _script = new ConsoleScript<IncidentDetailPage>(JS, "./Components/Console/IncidentDetailPage.razor.js", Logger);
        if (await _script.ListenAsync(this, _token))
        {
            _shortcutsReady = true;
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _detail = await Queries.DetailAsync(Id, _officer?.ScopeCode, _token);
            _missing = _detail is null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep what is shown (if anything) and say so; the next live change or action reads again.
            Logger.LogError(ex, "Could not read incident {IncidentId}", Id);
            Show(Text["Detail.LoadFailed"], Severity.Error);
        }
    }

    /// <summary>A key pressed outside a field: an action letter, Q for the queue, Esc to close the form.</summary>
    [JSInvokable]
    public Task OnShortcut(string key) => InvokeAsync(async () =>
    {
        if (key == Shortcuts.Cancel)
        {
            _actions?.Cancel();
        }
        else if (string.Equals(key, Shortcuts.Queue, StringComparison.OrdinalIgnoreCase))
        {
            Navigation.NavigateTo("console");
            return;
        }
        else if (Shortcuts.ActionOf(key) is { } action && _actions is not null)
        {
            await _actions.StartAsync(action);
        }
        StateHasChanged();
    });

    /// <summary>Applies a command on the server: role here; scope, version, stage and arguments in the transition service.</summary>
    public async Task ExecuteAsync(IncidentCommand command)
    {
        if (_officer is null)
        {
            return;
        }
        _busy = true;
        try
        {
            var auditAction = AuditPrefix + command.Action.ToString().ToLowerInvariant();
            if (!_officer.MayHandleIncidents)
            {
                await AuditAsync(auditAction + RejectedSuffix, "role may not act");
                Show(Text["Status.OutOfScope"], Severity.Error);
                return;
            }
            var result = await Transitions.ApplyAsync(Id, command, _officer.Actor, _officer.ScopeCode, _token);
            var detail = result.Succeeded
                ? string.Create(CultureInfo.InvariantCulture, $"version {result.Incident!.Version}, stage {result.Incident.Stage}")
                : string.Create(CultureInfo.InvariantCulture, $"{result.Status}: {result.Message} (sent version {command.Version}, unit {command.HandlingUnitId}, tier {command.Tier})");
            await AuditAsync(result.Succeeded ? auditAction : auditAction + RejectedSuffix, detail);

            switch (result.Status)
            {
                case TransitionStatus.Applied:
                    Show(Text["Result.Applied", Text[$"Action.{command.Action}"]], Severity.Success);
                    break;
                case TransitionStatus.StaleVersion when result.History is { } first:
                    Show(Text["Result.Conflict", first.ActorName, Text[$"History.{first.Action}"], ChinaDay.Local(first.At).ToString("HH:mm:ss", CultureInfo.InvariantCulture)], Severity.Warning);
                    break;
                case TransitionStatus.Invalid:
                    Show(Text["Result.Invalid", string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? [])], Severity.Error);
                    break;
                default:
                    Show(Text[$"Status.{result.Status}"], Severity.Warning);
                    break;
            }
            await LoadAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Action {Action} on incident {IncidentId} failed", command.Action, Id);
            Show(Text["Result.Failed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(string message, Severity severity)
    {
        _message = message;
        _messageSeverity = severity;
    }

    private Task<AuditEntry> AuditAsync(string action, string detail) =>
        Audit.AppendAsync(new AuditRecord(_officer!.UserId, _officer.Name, action, nameof(Incident), Id.ToString(CultureInfo.InvariantCulture), detail), _token);

    /// <summary>On live changes (at most once a second), reads the detail again if this incident moved.</summary>
    private async Task ReloadIfMovedAsync(CancellationToken cancellationToken)
    {
        if (_detail is null || _busy)
        {
            return;
        }
        if (await Queries.VersionAsync(Id, cancellationToken) != _detail.Incident.Version)
        {
            await LoadAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tick?.Dispose();
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }
        await _disposed.CancelAsync();
        if (_script is not null)
        {
            await _script.DisposeAsync();
        }
        _disposed.Dispose();
    }
}
