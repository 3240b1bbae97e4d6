using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommandCenter.Web.Api;

/// <summary>problem+json answers (RFC 9457) with the field errors a client can act on.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Status(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    public static ProblemHttpResult BadRequest(string detail, IDictionary<string, string[]>? errors = null) =>
        Status(StatusCodes.Status400BadRequest, "Bad request", detail, errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Unprocessable(IDictionary<string, string[]> errors, string detail = "One or more fields are invalid.") =>
        Status(StatusCodes.Status422UnprocessableEntity, "Validation failed", detail, new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult Forbidden(string detail = "The record lies outside your area.") => Status(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static ProblemHttpResult Conflict(string detail, object? current = null) =>
        Status(StatusCodes.Status409Conflict, "Conflict", detail, current is null ? null : new Dictionary<string, object?> { ["current"] = current });

    /// <summary>Maps a service outcome that did not succeed.</summary>
    public static ProblemHttpResult From<T>(OperationResult<T> result, Func<T, object>? present = null) => result.Status switch
    {
        OperationStatus.NotFound => NotFound(result.Message ?? "Not found."),
        OperationStatus.OutOfScope => Forbidden(result.Message ?? "The record lies outside your area."),
        OperationStatus.Conflict => Conflict(result.Message ?? "Conflict.", result.Value is { } v && present is not null ? present(v) : null),
        _ => Unprocessable(new Dictionary<string, string[]>(result.Errors ?? new Dictionary<string, string[]>()), result.Message ?? "One or more fields are invalid."),
    };
}
