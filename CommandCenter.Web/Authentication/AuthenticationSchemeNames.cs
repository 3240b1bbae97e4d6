namespace CommandCenter.Web.Authentication;

public static class AuthenticationSchemeNames
{
    /// <summary>Picks ApiKey when the X-Api-Key header is present, otherwise the Identity cookie.</summary>
    public const string CookieOrApiKey = "CookieOrApiKey";
    public const string ApiKey = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
}

public static class AuthorizationPolicies
{
    /// <summary>The system administrator: users, keys, reference data, imports.</summary>
    public const string Admin = "Admin";

    /// <summary>
    /// Roles, unlocking and two-factor resets: the security administrator, and also the system administrator
    /// unless <see cref="SecurityOptions.SeparateAdministrators"/> is on.
    /// </summary>
    public const string SecurityAdministration = "SecurityAdministration";

    /// <summary>
    /// Reading, verifying and exporting the audit log: the audit administrator, and also the system administrator
    /// unless <see cref="SecurityOptions.SeparateAdministrators"/> is on.
    /// </summary>
    public const string AuditAdministration = "AuditAdministration";
}

/// <summary>Claims added to the signed-in principal.</summary>
public static class CommandCenterClaims
{
    public const string DisplayName = "cc:display_name";
    public const string Scope = "cc:scope";
    public const string Channel = "cc:channel";
    /// <summary>One claim per permission an API key holds (<c>report</c>, <c>handle</c>…).</summary>
    public const string Permission = "cc:permission";
    /// <summary>"true" while the user must change a password an administrator reset.</summary>
    public const string MustChangePassword = "cc:must_change_password";
}
