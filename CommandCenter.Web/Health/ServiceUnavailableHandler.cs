using CommandCenter.Data.Providers;
using Microsoft.AspNetCore.Diagnostics;
using StackExchange.Redis;

namespace CommandCenter.Web.Health;

/// <summary>
/// An API request that fails because the database (or Redis) cannot be reached, or because intake is full, is answered
/// 503 problem+json with Retry-After — "nothing was stored, send it again" — instead of 500. Other errors keep their 500.
/// </summary>
internal sealed class ServiceUnavailableHandler(ILogger<ServiceUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Api.ApiSetup.IsApiPath(httpContext.Request.Path))
        {
            return false;
        }
        var redis = exception is RedisConnectionException or RedisTimeoutException;
        if (!redis && !DatabaseOutage.IsOutage(exception))
        {
            return false;
        }
        var saturated = exception is IntakeSaturatedException;
        logger.LogWarning("{Method} {Path} answered 503: {Reason}", httpContext.Request.Method, httpContext.Request.Path,
            saturated ? exception.Message : redis ? "Redis cannot be reached" : "the database cannot be reached");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Authentication.ClientThrottle.SetRetryAfter(httpContext, TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds));
        await Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Service unavailable",
            detail: saturated ? exception.Message : "The database cannot be reached at the moment; nothing was stored. Send the request again (same Idempotency-Key) after Retry-After seconds.")
            .ExecuteAsync(httpContext);
        return true;
    }
}
