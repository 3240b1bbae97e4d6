using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Components.Wall;

/// <summary>
/// Display links for the wall's PC (no keyboard): an administrator creates a link for an account in the Wall role; the
/// wall opens it once and is signed in with a persistent cookie as that account, then sent to the wall. The link
/// stores only a hash (an Identity user token, no model change) and is consumed on use. Revoking removes an unused link
/// and renews the account's security stamp, which signs every display of that account out (cookie and circuits
/// re-validate on the configured interval).
/// </summary>
public static class WallDisplayLinks
{
    public const string LoginProvider = "WallDisplayLink";
    public const string TokenName = "link";
    public const string LinkPath = "/wall/link";

    public sealed record CreateRequest(string UserName, int? ValidForHours, string? Query);

    public sealed record CreatedLink(string UserName, string Url, DateTime ExpiresAt);

    public static IEndpointRouteBuilder MapWallDisplayLinks(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/v1/wall/display-links").RequireAuthorization(p => p.RequireRole(Roles.Admin)).ExcludeFromDescription();
        admin.MapPost("/", CreateAsync);
        admin.MapDelete("/{userName}", RevokeAsync);
        endpoints.MapGet($"{LinkPath}/{{token}}", OpenAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<Results<Created<CreatedLink>, ProblemHttpResult>> CreateAsync(
        CreateRequest request, WallDisplayLinkService links, HttpContext context, ClaimsPrincipal caller)
    {
        var link = await links.CreateAsync(request.UserName, request.ValidForHours, request.Query, context.AuditActor(),
            $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}", context.RequestAborted);
        return link is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not a wall account",
                detail: "Display links are only made for accounts in the Wall role.")
            : TypedResults.Created(link.Url, link);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string userName, WallDisplayLinkService links, HttpContext context, ClaimsPrincipal caller) =>
        await links.RevokeAsync(userName, context.AuditActor(), context.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such wall account");

    /// <summary>GET /wall/link/{userId}.{secret}: once, before it expires; anything else is a 404 that says nothing more.</summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> OpenAsync(
        string token, UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, TimeProvider time, HttpContext context)
    {
        var gone = TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This display link is not valid");
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return gone;
        }
        var user = await users.FindByIdAsync(token[..dot]);
        var stored = user is null ? null : await users.GetAuthenticationTokenAsync(user, LoginProvider, TokenName);
        var parts = stored?.Split('|', 3);
        if (user is null || parts is not { Length: 3 } || !long.TryParse(parts[1], out var ticks)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[0]), Encoding.ASCII.GetBytes(Hash(token[(dot + 1)..])))
            || time.GetUtcNow().UtcDateTime.Ticks > ticks
            || !await users.IsInRoleAsync(user, Roles.Wall) || user.IsDisabled)
        {
            return gone;
        }
        await users.RemoveAuthenticationTokenAsync(user, LoginProvider, TokenName);
        await signIn.SignInAsync(user, isPersistent: true);
        await audit.AppendAsync(new AuditRecord(user.Id, user.UserName ?? "?", "wall.display-link.use", "User", user.Id,
            RemoteIp: context.Connection.RemoteIpAddress?.ToString()), context.RequestAborted);
        return TypedResults.Redirect($"{context.Request.PathBase}/wall{parts[2]}");
    }

    internal static string LocalQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return string.Empty;
        }
        var trimmed = query.Trim().TrimStart('?');
        // Only the wall's own kiosk parameters, as a query string: nothing that could redirect elsewhere.
        return trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '=' or '&' or '-' or '_') ? "?" + trimmed : string.Empty;
    }

    internal static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
