namespace CommandCenter.Web.Components.Wall;

/// <summary>
/// Identifies the running build (the web assembly's module version id: new on every compile). A wall compares it with
/// <c>GET /wall/build</c> after reconnecting and every minute, and reloads itself when a deploy changed it.
/// </summary>
public static class WallBuild
{
    public static string Id { get; } = typeof(WallBuild).Assembly.ManifestModule.ModuleVersionId.ToString("N");
}
