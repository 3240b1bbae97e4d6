namespace CommandCenter.Web.Security;

/// <summary>The "SecurityHeaders" configuration section: which pages may ask the browser for the camera or the position.</summary>
/// <remarks>
/// Every other page answers <c>camera=()</c> and <c>geolocation=()</c>. A page that needs one (the field terminal
/// <c>/m</c>, the public <c>/report</c> form) is listed by path prefix, e.g. <c>SecurityHeaders:CameraPaths:0 = /m</c>.
/// </remarks>
public sealed class SecurityHeadersOptions
{
    public const string SectionName = "SecurityHeaders";

    /// <summary>Path prefixes whose pages may use the camera (same origin only).</summary>
    public List<string> CameraPaths { get; set; } = [];

    /// <summary>Path prefixes whose pages may ask for the device's position (same origin only).</summary>
    public List<string> GeolocationPaths { get; set; } = [];
}
