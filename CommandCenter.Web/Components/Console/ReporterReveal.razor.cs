using CommandCenter.Data;
using CommandCenter.Data.Demo;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Components.Console;

/// <summary>
/// Shows the reporter's masked phone; a duty officer (an administrator only without 三员分立) may reveal the full number of
/// this incident after choosing a reason. <see cref="IncidentReporterReveal"/> checks role and scope again and audits;
/// the number stays on screen until the officer leaves the incident.
/// </summary>
public sealed partial class ReporterReveal
{
    private bool _mayReveal;
    private bool _choosing;
    private bool _busy;
    private string? _error;
    private long _shownFor;

    [Parameter, EditorRequired]
    public long IncidentId { get; set; }

    [Parameter]
    public string? MaskedPhone { get; set; }

    [Parameter, EditorRequired]
    public ActingOfficer Officer { get; set; } = default!;

    [Inject]
    private IncidentReporterReveal Reveal { get; set; } = default!;

    [Inject]
    private IOptions<SecurityOptions> Security { get; set; } = default!;

    [Inject]
    private IConfiguration Configuration { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ConsoleResource> Text { get; set; } = default!;

    /// <summary>The full phone after a reveal of this incident; null before.</summary>
    public string? Revealed { get; private set; }

    private bool AdministratorsSeparated => Security.Value.SeparatesAdministrators(DemoOptions.IsDemoMode(Configuration));

    protected override void OnParametersSet()
    {
        if (_shownFor != IncidentId)
        {
            (_shownFor, Revealed, _choosing, _error) = (IncidentId, null, false, null);
        }
        _mayReveal = IncidentReporterReveal.MayReveal(Officer, AdministratorsSeparated);
    }

    public async Task RevealAsync(string reason)
    {
        _busy = true;
        try
        {
            var result = await Reveal.RevealPhoneAsync(IncidentId, reason, Officer, AdministratorsSeparated);
            if (result.Succeeded)
            {
                (Revealed, _error, _choosing) = (result.Value, null, false);
            }
            else
            {
                _error = Text[result.Status == OperationStatus.OutOfScope ? "Status.OutOfScope" : "Status.NotFound"];
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
