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
    public const string Admin = "Admin";
}

/// <summary>Claims added to the signed-in principal.</summary>
public static class CommandCenterClaims
{
    public const string DisplayName = "cc:display_name";
    public const string Scope = "cc:scope";
    public const string Channel = "cc:channel";
    /// <summary>One claim per permission an API key holds (its name, e.g. <c>import</c>).</summary>
    public const string Permission = "cc:permission";
}
