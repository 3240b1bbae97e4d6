using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommandCenter.Web.Components.Charts;

/// <summary>
/// Turns chart options and series (records, anonymous objects, dictionaries, arrays) into the JSON ApexCharts reads:
/// camelCase properties, dictionary keys as written, nulls left out. Equal JSON means nothing to send.
/// </summary>
public static class ApexChartSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Parsed by JSON.parse in the module, never placed in HTML: Chinese text travels as is (a third of the bytes).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(object? value) => JsonSerializer.Serialize(value, Options);
}
