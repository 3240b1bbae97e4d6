namespace CommandCenter.Data.Identity;

/// <summary>
/// What a machine channel's key may do. The server checks the permission an endpoint needs on every request;
/// a key without it gets 403 naming the permission.
/// </summary>
[Flags]
public enum ApiKeyPermissions
{
    None = 0,
    /// <summary><c>report</c>: report incidents (JSON API, Open311 POST) and upload media.</summary>
    Report = 1,
    /// <summary><c>sos</c>: raise SOS alarms from devices.</summary>
    Sos = 2,
    /// <summary><c>patrol</c>: start, check in and end patrols.</summary>
    Patrol = 4,
    /// <summary><c>service-orders</c>: service orders and micro-wishes.</summary>
    ServiceOrders = 8,
    /// <summary><c>read</c>: read incidents (JSON API and Open311 reads) and registry summaries.</summary>
    Read = 16,
    /// <summary><c>handle</c>: move incidents through their lifecycle and acknowledge SOS alarms.</summary>
    Handle = 32,
    /// <summary><c>import</c>: upload registry and boundary imports.</summary>
    Import = 64,
}

/// <summary>The names of <see cref="ApiKeyPermissions"/> as the API and the pages spell them.</summary>
public static class ApiKeyPermissionNames
{
    public static readonly IReadOnlyList<(ApiKeyPermissions Permission, string Name)> All =
    [
        (ApiKeyPermissions.Report, "report"),
        (ApiKeyPermissions.Sos, "sos"),
        (ApiKeyPermissions.Patrol, "patrol"),
        (ApiKeyPermissions.ServiceOrders, "service-orders"),
        (ApiKeyPermissions.Read, "read"),
        (ApiKeyPermissions.Handle, "handle"),
        (ApiKeyPermissions.Import, "import"),
    ];

    /// <summary>What a key made before permissions existed could do: everything but import (the migration's default).</summary>
    public const ApiKeyPermissions Legacy = ApiKeyPermissions.Report | ApiKeyPermissions.Sos | ApiKeyPermissions.Patrol
        | ApiKeyPermissions.ServiceOrders | ApiKeyPermissions.Read | ApiKeyPermissions.Handle;

    /// <summary>The demo key: a reporting channel that cannot handle (void, close) incidents.</summary>
    public const ApiKeyPermissions Demo = ApiKeyPermissions.Report | ApiKeyPermissions.Sos | ApiKeyPermissions.Patrol
        | ApiKeyPermissions.ServiceOrders | ApiKeyPermissions.Read | ApiKeyPermissions.Import;

    public static string NameOf(ApiKeyPermissions permission) =>
        All.FirstOrDefault(p => p.Permission == permission).Name ?? permission.ToString();

    /// <summary>The names of every permission set, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names(ApiKeyPermissions permissions) =>
        [.. All.Where(p => permissions.HasFlag(p.Permission)).Select(p => p.Name)];

    /// <summary>Parses names; false with the unknown ones when a name is not a permission.</summary>
    public static bool TryParse(IEnumerable<string?> names, out ApiKeyPermissions permissions, out IReadOnlyList<string> unknown)
    {
        permissions = ApiKeyPermissions.None;
        var bad = new List<string>();
        foreach (var raw in names)
        {
            var name = raw?.Trim() ?? string.Empty;
            var match = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                bad.Add(name);
            }
            else
            {
                permissions |= match.Permission;
            }
        }
        unknown = bad;
        return bad.Count == 0;
    }
}
