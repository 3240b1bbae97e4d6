using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Sos;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// Raised SOS alarms in the officer's area. Reads them from the database at start, whenever the live open-SOS count of
/// the area changes, and every 30 s (pushes are hints). The sound loops while any alarm is raised; acknowledging goes
/// through <see cref="SosAcknowledgementService"/> (role, scope, who was first, audit).
/// </summary>
public sealed partial class SosBanner : IAsyncDisposable
{
    private static readonly TimeSpan SafetyReload = TimeSpan.FromSeconds(30);

    /// <summary>The banner lists the newest alarms up to this many, and counts the rest.</summary>
    public const int MaxShown = 4;

    private readonly CancellationTokenSource _disposed = new();
    private readonly string _key = Guid.NewGuid().ToString("N");
    private CancellationToken _token;
    private IReadOnlyList<RaisedSos> _alerts = [];
    private ElementReference _audio;
    private ConsoleScript<SosBanner>? _script;
    private LiveReload? _live;
    private int? _seenOpenSos;
    private bool _soundWanted;
    private bool _soundPlaying;
    private bool _soundBlocked;
    private bool _busy;

    [Inject]
    private IncidentQueries Queries { get; set; } = default!;

    [Inject]
    private SosAcknowledgementService Acknowledgements { get; set; } = default!;

    [Inject]
    private LiveMetrics Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ConsoleResource> Text { get; set; } = default!;

    [Inject]
    private ILogger<SosBanner> Logger { get; set; } = default!;

    [Parameter, EditorRequired]
    public ActingOfficer Officer { get; set; } = default!;

    public IReadOnlyList<RaisedSos> Alerts => _alerts;

    protected override async Task OnInitializedAsync()
    {
        _token = _disposed.Token;
        await ReloadAsync();
        _live = new LiveReload(Time, Logger, TimeSpan.Zero, _ => ReloadAsync(), StateHasChanged, InvokeAsync, Live, OpenSosChanged, every: SafetyReload);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var wanted = _alerts.Count > 0;
        if (wanted == _soundWanted && !firstRender)
        {
            return;
        }
        _soundWanted = wanted;
        _script ??= new ConsoleScript<SosBanner>(JS, "./Components/Console/SosBanner.razor.js", Logger)
        {
            BeforeDispose = module => module.InvokeVoidAsync("forget", CancellationToken.None, _key),
        };
        if (wanted)
        {
            var (ok, playing) = await _script.InvokeAsync<bool>("start", _token, _key, _audio, _script.Self(this));
            _soundPlaying = playing;
            var blocked = ok && !playing;
            if (blocked != _soundBlocked)
            {
                _soundBlocked = blocked;
                StateHasChanged();
            }
        }
        else if (!firstRender && await _script.InvokeVoidAsync("stop", _token, _key))
        {
            _soundPlaying = false;
        }
    }

    /// <summary>Called from the page's script once a user gesture unblocked the sound.</summary>
    [JSInvokable]
    public Task SoundStarted() => InvokeAsync(() =>
    {
        _soundPlaying = true;
        _soundBlocked = false;
        StateHasChanged();
    });

    private async Task EnableSoundAsync()
    {
        if (_script is null)
        {
            return;
        }
        (_, _soundPlaying) = await _script.InvokeAsync<bool>("start", _token, _key, _audio, _script.Self(this));
        _soundBlocked = !_soundPlaying;
    }

    public async Task ReloadAsync()
    {
        try
        {
            _alerts = await Queries.RaisedSosAsync(Officer.ScopeCode, _token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Could not read the raised SOS alarms");
        }
    }

    private async Task AcknowledgeAsync(RaisedSos alert)
    {
        _busy = true;
        try
        {
            var result = await Acknowledgements.AcknowledgeAsync(alert.Id, Officer, _token);
            if (result.Succeeded)
            {
                Snackbar.Add(Text["Sos.Acknowledged", alert.Grid], Severity.Success);
            }
            else if (result.Status == OperationStatus.Conflict && result.Value is { AcknowledgedBy: { } by } current)
            {
                Snackbar.Add(Text["Sos.AlreadyAcknowledged", by, (current.AcknowledgedAt is { } acknowledgedAt ? ChinaDay.Local(acknowledgedAt).ToString("HH:mm:ss", CultureInfo.InvariantCulture) : null) ?? string.Empty], Severity.Warning);
            }
            else
            {
                Snackbar.Add(Text[$"Status.{result.Status}"], Severity.Error);
            }
            await ReloadAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Acknowledging SOS alert {AlertId} failed", alert.Id);
            Snackbar.Add(Text["Result.Failed"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private bool OpenSosChanged(LiveSnapshot snapshot)
    {
        var node = Officer.ScopeCode is { } scope ? snapshot.Node(scope) : snapshot.District;
        var open = node?.OpenSos ?? 0;
        if (_seenOpenSos == open)
        {
            return false;
        }
        _seenOpenSos = open;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
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
