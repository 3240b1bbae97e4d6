using Microsoft.AspNetCore.Diagnostics;

namespace CommandCenter.Web.Open311;

/// <summary>An Open311 answer in the request's format. Status-code pages never replace its body.</summary>
public sealed class Open311Result(int statusCode, object document, Open311Format format) : IResult
{
    public int StatusCode { get; } = statusCode;
    public object Document { get; } = document;
    public Open311Format Format { get; } = format;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (httpContext.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        var body = Open311Writer.Write(Document, Format);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = Open311Formats.ContentType(Format);
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}

/// <summary>The spec's error list: <c>[{"code":400,"description":"..."}]</c> / <c>&lt;errors&gt;&lt;error&gt;…</c>.</summary>
public static class Open311Errors
{
    public static Open311Result Status(Open311Format format, int status, params IEnumerable<string> descriptions) =>
        new(status, List(status, descriptions), format);

    public static Open311List List(int status, IEnumerable<string> descriptions) =>
        new("errors", "error", descriptions.Select(d => (object?)new Open311Object("error").Add("code", status).Add("description", d)));

    public static Open311Result BadRequest(Open311Format format, params IEnumerable<string> descriptions) =>
        Status(format, StatusCodes.Status400BadRequest, descriptions);

    public static Open311Result NotFound(Open311Format format, string description) => Status(format, StatusCodes.Status404NotFound, description);

    public static Open311Result Forbidden(Open311Format format, string description) => Status(format, StatusCodes.Status403Forbidden, description);

    public static Open311Result Unauthorized(Open311Format format) => Status(format, StatusCodes.Status401Unauthorized,
        "Sign-in required: send api_key (query parameter, or form field on POST) or the X-Api-Key header.");
}
