namespace CommandCenter.Data.Incidents;

/// <summary>
/// The photo references of a report: at most <see cref="Max"/> of them, each an absolute http(s) URL or a path on this
/// site, stored one per line in <see cref="Incident.PhotoUrls"/>. Nothing else (no javascript:, data: or file: links)
/// ever reaches a page.
/// </summary>
public static class IncidentPhotos
{
    public const int Max = 9;
    public const int UrlMax = 400;

    public static bool IsValidUrl(string? url) =>
        url is { Length: > 0 and <= UrlMax }
        && url.All(c => c > ' ' && c < (char)0x7F)
        && (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            || Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    public static string? Join(IReadOnlyList<string>? urls) => urls is { Count: > 0 } ? string.Join('\n', urls) : null;

    public static IReadOnlyList<string> Split(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
