using CommandCenter.Data.Incidents;

namespace CommandCenter.Data.Identity;

/// <summary>
/// A signed-in person acting on incidents, alarms or supervisions: who, where (a hierarchy code prefix; null for the
/// whole district) and with which roles. The write services check the role and scope themselves.
/// </summary>
public sealed record ActingOfficer(string? UserId, string Name, string? ScopeCode, IReadOnlyCollection<string> Roles)
{
    /// <summary>Duty officers and administrators act on incidents, alarms and supervisions; the other roles only look.</summary>
    public bool MayHandleIncidents => Roles.Contains(Identity.Roles.DutyOfficer) || Roles.Contains(Identity.Roles.Admin);

    public IncidentActor Actor => new(UserId, Name);
}
