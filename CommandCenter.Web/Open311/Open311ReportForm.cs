using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Incidents;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace CommandCenter.Web.Open311;

/// <summary>
/// The fields of POST requests.{format} (application/x-www-form-urlencoded, UTF-8). Reading checks the media type
/// (415), the size (413) and the encoding; <see cref="Validate"/> checks the Open311 rules before the intake's own.
/// </summary>
public sealed class Open311ReportForm
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxMediaUrlLength = IncidentPhotos.UrlMax;
    private const int MaxFields = 128;
    private const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>How reports of an earlier version kept a media_url in the description: a last line with this prefix.</summary>
    public const string MediaMarker = "\n\nmedia_url: ";

    public string? ApiKey { get; private init; }
    public string? JurisdictionId { get; private init; }
    public string? ServiceCode { get; private init; }
    public string? Lat { get; private init; }
    public string? Long { get; private init; }
    public string? AddressString { get; private init; }
    public string? AddressId { get; private init; }
    public string? Email { get; private init; }
    public string? DeviceId { get; private init; }
    public string? AccountId { get; private init; }
    public string? FirstName { get; private init; }
    public string? LastName { get; private init; }
    public string? Phone { get; private init; }
    public string? Description { get; private init; }
    public string? MediaUrl { get; private init; }

    /// <summary>The raw body (for the Idempotency-Key's request hash).</summary>
    public byte[] Body { get; private init; } = [];

    /// <summary>The form, or the error to answer: 415 for another media type or charset, 413 over 64 KB, 400 for a malformed body.</summary>
    public static async Task<(Open311ReportForm? Form, Open311Result? Error)> ReadAsync(HttpRequest request, Open311Format format, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType, FormMediaType, StringComparison.OrdinalIgnoreCase)
            || contentType.CharSet is { } charset && !string.Equals(charset.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Open311Errors.Status(format, StatusCodes.Status415UnsupportedMediaType,
                $"Send the request as {FormMediaType} in UTF-8."));
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge(format));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, TooLarge(format));
            }
            buffer.Write(chunk, 0, read);
        }
        var body = buffer.ToArray();

        Dictionary<string, StringValues> fields;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            using var reader = new FormReader(text) { ValueCountLimit = MaxFields, KeyLengthLimit = 256, ValueLengthLimit = MaxBodyBytes };
            fields = reader.ReadForm();
        }
        catch (Exception ex) when (ex is DecoderFallbackException or ArgumentException or InvalidDataException)
        {
            return (null, Open311Errors.BadRequest(format, "The body is not a valid UTF-8 form (application/x-www-form-urlencoded)."));
        }

        string? Field(string name) => fields.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        var query = request.Query;
        return (new Open311ReportForm
        {
            Body = body,
            ApiKey = fields.TryGetValue(Open311Authentication.ApiKeyField, out var key) && key.Count > 0 ? key[0]
                : query.TryGetValue(Open311Authentication.ApiKeyField, out var queryKey) && queryKey.Count > 0 ? queryKey[0] : null,
            JurisdictionId = Field("jurisdiction_id"),
            ServiceCode = Field("service_code"),
            Lat = Field("lat"),
            Long = Field("long"),
            AddressString = Field("address_string"),
            AddressId = Field("address_id"),
            Email = Field("email"),
            DeviceId = Field("device_id"),
            AccountId = Field("account_id"),
            FirstName = Field("first_name"),
            LastName = Field("last_name"),
            Phone = Field("phone"),
            Description = Field("description"),
            MediaUrl = Field("media_url"),
            // attribute[...] fields: we define no attributes, so they are ignored.
        }, null);
    }

    /// <summary>The Open311-level checks; the intake validates lengths, the phone and the place's existence.</summary>
    public List<string> Validate(out double? latitude, out double? longitude)
    {
        var errors = new List<string>();
        latitude = longitude = null;
        if (ServiceCode is null)
        {
            errors.Add("service_code is required.");
        }
        if (Lat is not null || Long is not null)
        {
            if (Lat is null || Long is null)
            {
                errors.Add("lat and long go together.");
            }
            else if (!TryCoordinate(Lat, 90, out var lat) || !TryCoordinate(Long, 180, out var lon))
            {
                errors.Add("lat is a decimal degree between -90 and 90, long between -180 and 180 (WGS-84).");
            }
            else
            {
                latitude = lat;
                longitude = lon;
            }
        }
        if (AddressId is not null && (!HierarchyCode.IsValid(AddressId) || HierarchyCode.LevelOf(AddressId) != HierarchyLevel.Grid))
        {
            errors.Add("address_id is a grid code of 15 digits.");
        }
        if (Lat is null && Long is null && AddressId is null)
        {
            errors.Add(AddressString is null
                ? "A location is required: lat and long, or address_id (a 15-digit grid code)."
                : "address_string alone cannot be placed; send lat/long or address_id.");
        }
        if (MediaUrl is not null && (MediaUrl.Length > MaxMediaUrlLength
            || !Uri.TryCreate(MediaUrl, UriKind.Absolute, out var media) || media.Scheme is not ("http" or "https")
            || MediaUrl.Any(char.IsWhiteSpace)))
        {
            errors.Add($"media_url is an absolute http(s) URL of at most {MaxMediaUrlLength} characters.");
        }
        return errors;
    }

    /// <summary>The reporter's name: Chinese order (surname first, no space) when either part is Chinese, else "first last".</summary>
    public string? ReporterName()
    {
        if (FirstName is null || LastName is null)
        {
            return FirstName ?? LastName;
        }
        return (FirstName + LastName).Any(c => c >= '\u3400' && c <= '\u9fff') ? LastName + FirstName : FirstName + " " + LastName;
    }

    /// <summary>The media_url as the incident's photo reference (its only one).</summary>
    public IReadOnlyList<string>? PhotoUrls() => MediaUrl is null ? null : [MediaUrl];

    /// <summary>A title from the first line of the description (at most 40 characters), or the service's name.</summary>
    public string Title(string serviceName)
    {
        var firstLine = Description?.Split('\n', 2)[0].Trim();
        if (string.IsNullOrEmpty(firstLine))
        {
            return serviceName;
        }
        var info = new StringInfo(firstLine);
        return info.LengthInTextElements <= 40 ? firstLine : info.SubstringByTextElements(0, 39) + "…";
    }

    /// <summary>Splits a description stored by an earlier version into the text and the media_url it carried (Open311 reports only).</summary>
    public static (string Description, string? MediaUrl) SplitMedia(string stored)
    {
        var at = stored.LastIndexOf(MediaMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return (stored, null);
        }
        var url = stored[(at + MediaMarker.Length)..];
        return url.Length == 0 || url.Any(char.IsWhiteSpace) ? (stored, null) : (stored[..at], url);
    }

    private static bool TryCoordinate(string value, double limit, out double result) =>
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out result)
        && double.IsFinite(result) && Math.Abs(result) <= limit;

    private static Open311Result TooLarge(Open311Format format) =>
        Open311Errors.Status(format, StatusCodes.Status413PayloadTooLarge, $"The body is over {MaxBodyBytes / 1024} KB.");
}
