using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// Offers only what <see cref="IncidentLifecycle"/> allows at the incident's stage, and for dispatch and escalation only
/// units that serve the incident's grid at the chosen tier. Builds an <see cref="IncidentCommand"/> carrying the version
/// the officer saw; the parent applies it through the transition service, which checks everything again.
/// </summary>
public sealed partial class IncidentActions
{
    public static readonly int[] ExtensionChoices = [2, 4, 8, 24, 48, 72];

    private IReadOnlyList<IncidentAction> _allowed = [];
    private IncidentAction? _pending;
    private IReadOnlyList<UnitChoice> _units = [];
    private List<HandlingTier> _tiers = [];
    private IReadOnlyList<DuplicateChoice> _duplicates = [];
    private HandlingTier? _tier;
    private int? _unitId;
    private int _extendHours = 24;
    private bool _asDuplicate;
    private long? _duplicateOfId;
    private bool _reached = true;
    private RatingLevel? _rating;
    private string? _note;
    private int _formFor;

    [Inject]
    private IncidentQueries Queries { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ConsoleResource> Text { get; set; } = default!;

    [Parameter, EditorRequired]
    public IncidentRecord Incident { get; set; } = default!;

    [Parameter, EditorRequired]
    public string GridCode { get; set; } = string.Empty;

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Applies the command (the parent's server-side path).</summary>
    [Parameter, EditorRequired]
    public Func<IncidentCommand, Task> OnCommand { get; set; } = default!;

    public IncidentAction? Pending => _pending;

    protected override void OnParametersSet()
    {
        _allowed = [.. Shortcuts.Order.Where(Incident.AllowedActions.Contains)];
        if (_pending is { } pending && (_formFor != Incident.Version || !_allowed.Contains(pending)))
        {
            _pending = null; // the incident moved on: the open form no longer applies
        }
    }

    /// <summary>Starts an action: the one-click ones (file, accept, reply) apply at once; the others open their form.</summary>
    public async Task StartAsync(IncidentAction action)
    {
        if (Busy || !_allowed.Contains(action))
        {
            return;
        }
        if (action is IncidentAction.File or IncidentAction.Accept or IncidentAction.Reply)
        {
            _pending = null;
            await OnCommand(new IncidentCommand(action, Incident.Version));
            return;
        }
        _pending = action;
        _formFor = Incident.Version;
        _note = null;
        _unitId = null;
        _asDuplicate = false;
        _duplicateOfId = null;
        _rating = null;
        _reached = true;
        _extendHours = 24;
        switch (action)
        {
            case IncidentAction.Dispatch:
                _units = await Queries.UnitsServingAsync(GridCode, _ => true, CancellationToken.None);
                _tiers = [.. _units.Select(u => u.Tier).Distinct().Order()];
                _tier = _tiers.Contains(Incident.Tier) ? Incident.Tier : _tiers.FirstOrDefault();
                break;
            case IncidentAction.Escalate:
                _units = await Queries.UnitsServingAsync(GridCode, t => t > Incident.Tier, CancellationToken.None);
                _tiers = [.. _units.Select(u => u.Tier).Distinct().Order()];
                _tier = _tiers.Count > 0 ? _tiers[0] : null;
                break;
            case IncidentAction.Reject:
                _duplicates = await Queries.DuplicateCandidatesAsync(Incident, CancellationToken.None);
                break;
        }
    }

    public void Cancel() => _pending = null;

    private void TierChanged(HandlingTier? tier)
    {
        _tier = tier;
        _unitId = null;
    }

    private bool NoteRequired => _pending is IncidentAction.Extend or IncidentAction.Rework || (_pending is IncidentAction.Reject && !_asDuplicate);

    private bool CanSubmit => _pending switch
    {
        _ when NoteRequired && string.IsNullOrWhiteSpace(_note) => false,
        IncidentAction.Dispatch or IncidentAction.Escalate => _tier is not null,
        IncidentAction.Reject when _asDuplicate => _duplicateOfId is not null,
        IncidentAction.Rate => _rating is not null,
        null => false,
        _ => true,
    };

    private async Task SubmitAsync()
    {
        if (_pending is not { } action || !CanSubmit)
        {
            return;
        }
        var note = string.IsNullOrWhiteSpace(_note) ? null : _note.Trim();
        var command = action switch
        {
            IncidentAction.Dispatch or IncidentAction.Escalate => new IncidentCommand(action, _formFor, note, _tier, _unitId),
            IncidentAction.Extend => new IncidentCommand(action, _formFor, note, NewResolveDueAt: Incident.ResolveDueAt.AddHours(_extendHours)),
            IncidentAction.Reject => new IncidentCommand(action, _formFor, note, DuplicateOfId: _asDuplicate ? _duplicateOfId : null),
            IncidentAction.CallBack => new IncidentCommand(action, _formFor, note, Reached: _reached),
            IncidentAction.Rate => new IncidentCommand(action, _formFor, note, Rating: _rating),
            _ => new IncidentCommand(action, _formFor, note),
        };
        _pending = null;
        await OnCommand(command);
    }

    private static Color ColorOf(IncidentAction action) => action switch
    {
        IncidentAction.Reject or IncidentAction.Rework => Color.Error,
        IncidentAction.Escalate or IncidentAction.Extend => Color.Warning,
        IncidentAction.Close or IncidentAction.Rate => Color.Success,
        _ => Color.Primary,
    };
}
