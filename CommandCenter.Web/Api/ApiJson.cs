using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommandCenter.Web.Api;

/// <summary>The API's JSON: camelCase, enums by name, and a body reader that turns every malformed input into a 4xx.</summary>
public static class ApiJson
{
    /// <summary>Bodies over 64 KB get 413.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            MaxDepth = 16,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // As ASP.NET Core's own HTTP JSON: Chinese text as text, not \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }

    /// <summary>The raw body, or the problem to answer: 415 for another media type, 413 over 64 KB.</summary>
    public static async Task<(byte[]? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, string mediaType, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType, mediaType, StringComparison.OrdinalIgnoreCase)
            || contentType.CharSet is { } charset && !string.Equals(charset.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send {mediaType} in UTF-8."));
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, TooLarge());
            }
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>Reads a JSON body into <typeparamref name="T"/>; broken JSON and wrong types are 400 with the field's path.</summary>
    public static async Task<(T? Value, byte[] Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadBodyAsync(request, "application/json", cancellationToken);
        if (problem is not null)
        {
            return (null, [], problem);
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Options);
            return value is null
                ? (null, body!, ApiProblems.BadRequest("The body is empty or null; send a JSON object."))
                : (value, body!, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            return (null, body!, ApiProblems.BadRequest(
                $"The body is not valid JSON for this request{(ex.LineNumber is { } line ? $" (line {line + 1})" : "")}.",
                new Dictionary<string, string[]> { [field] = ["Malformed JSON or a value of the wrong type."] }));
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            return (null, body!, ApiProblems.BadRequest("The body could not be read as this request's JSON."));
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body is over {MaxBodyBytes / 1024} KB.");
}
