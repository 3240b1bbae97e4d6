using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.People;

namespace CommandCenter.Data.Incidents;

/// <summary>Checks a report's fields before anything touches the database. Keys are the JSON field names.</summary>
public static class IncidentReportValidation
{
    public const int TitleMax = 128;
    public const int DescriptionMax = 4000;
    public const int AddressMax = 256;
    public const int NameMax = 64;
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxBacklog = TimeSpan.FromDays(30);

    public static Dictionary<string, string[]> Validate(IncidentReport report, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        CheckText(report.Title, "title", TitleMax, required: true, Add);
        CheckText(report.Description, "description", DescriptionMax, required: false, Add);
        CheckText(report.Address, "address", AddressMax, required: false, Add);
        CheckText(report.ReporterName, "reporterName", NameMax, required: false, Add);
        if (report.PhotoUrls is { } photos && (photos.Count > IncidentPhotos.Max || !photos.All(IncidentPhotos.IsValidUrl)))
        {
            Add("photoUrls", $"At most {IncidentPhotos.Max} photo references, each an http(s) URL or a path on this site of at most {IncidentPhotos.UrlMax} characters.");
        }

        if (!Enum.IsDefined(report.Source))
        {
            Add("source", "Unknown source channel.");
        }
        if (!Enum.IsDefined(report.Priority))
        {
            Add("priority", "Priority is Low, Normal, High or Urgent.");
        }
        if (report.CategoryId is null && string.IsNullOrWhiteSpace(report.CategoryCode))
        {
            Add("categoryCode", "A category is required.");
        }
        else if (report.CategoryCode is { Length: > 8 })
        {
            Add("categoryCode", "No such category.");
        }

        var places = (report.GridId is null ? 0 : 1) + (report.GridCode is null ? 0 : 1) + (report.Latitude is null && report.Longitude is null ? 0 : 1);
        if (places == 0)
        {
            Add("gridCode", "A place is required: a grid id, a grid code, or latitude and longitude.");
        }
        else if (places > 1)
        {
            Add("gridCode", "Give one of grid id, grid code, or latitude and longitude.");
        }
        if (report.GridCode is not null && (!HierarchyCode.IsValid(report.GridCode) || HierarchyCode.LevelOf(report.GridCode) != HierarchyLevel.Grid))
        {
            Add("gridCode", "A grid code is 15 ASCII digits.");
        }
        if ((report.Latitude is null) != (report.Longitude is null))
        {
            Add("latitude", "Latitude and longitude go together.");
        }
        if (report.Latitude is { } lat && !InputRules.IsLatitude(lat))
        {
            Add("latitude", "Latitude is between -90 and 90.");
        }
        if (report.Longitude is { } lon && !InputRules.IsLongitude(lon))
        {
            Add("longitude", "Longitude is between -180 and 180.");
        }
        if (report.ReporterPhone is { } phone && !PersonalDataFormats.IsPhone(phone))
        {
            Add("reporterPhone", "A phone number is 3 to 20 ASCII digits, optionally with + and -.");
        }
        if (report.ReportedAt is { } at)
        {
            var utc = at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime();
            if (utc > now + MaxClockSkew)
            {
                Add("reportedAt", "The report time lies in the future.");
            }
            else if (utc < now - MaxBacklog)
            {
                Add("reportedAt", "The report time is more than 30 days ago.");
            }
        }
        return errors;
    }

    private static void CheckText(string? value, string field, int max, bool required, Action<string, string> add)
    {
        if (InputRules.TextError(value, max, required) is { } error)
        {
            add(field, error);
        }
    }
}
