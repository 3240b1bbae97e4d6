using System.Text.Json.Serialization;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Authentication;
using CommandCenter.Web.Components.Admin;
using CommandCenter.Data.Auditing;

namespace CommandCenter.Web.Api.Admin;

/// <summary>
/// /api/v1/admin/users: user management for the system and the security administrator (sessions only; API keys never).
/// What each may change follows <see cref="SeparationOfDuties"/>: a call outside the caller's duties is 403.
/// </summary>
public static class AdminUserEndpoints
{
    public sealed record UserDto(
        string UserName, string DisplayName, IReadOnlyList<string> Roles, string? ScopeCode, bool Disabled, bool LockedOut,
        DateTimeOffset? LockedOutUntil, bool MustChangePassword, int? GridWorkerId, int? StaffMemberId, DateTime CreatedAt, bool TwoFactorEnabled,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GeneratedPassword = null)
    {
        public static UserDto From(UserSummary u, string? generatedPassword = null) => new(
            u.UserName, u.DisplayName, u.Roles, u.ScopeCode, u.Disabled, u.LockedOutUntil is not null, u.LockedOutUntil, u.MustChangePassword,
            u.GridWorkerId, u.StaffMemberId, DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc), u.TwoFactorEnabled, generatedPassword);
    }

    public sealed record UserPageDto(int Total, int Page, int PageSize, IReadOnlyList<UserDto> Items);

    public static RouteGroupBuilder MapAdminUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/admin/users").WithTags("Administration")
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(AdministratorDuties.UserAdministrationRoles.Split(',')));
        users.MapGet("/", SearchAsync).WithSummary("List users: search by user name or display name, paged (pageSize up to 100)");
        users.MapPost("/", CreateAsync).WithSummary("Create a user; without a password one is generated and returned once as generatedPassword");
        users.MapGet("/{userName}", GetAsync).WithSummary("One user");
        users.MapPut("/{userName}", UpdateAsync)
            .WithSummary("Edit a user: displayName and roles (null keeps them), scopeCode, gridWorkerId and staffMemberId (null clears them)");
        users.MapPost("/{userName}/disable", (string userName, HttpContext http, UserAdministration admin, SeparationOfDuties separation) =>
            AnswerAsync(admin.DisableAsync(userName, separation.DutiesOf(http.User), http.AuditActor(), http.RequestAborted)))
            .WithSummary("Disable a user: sessions end within the re-validation interval; the last active Admin cannot be disabled (409)");
        users.MapPost("/{userName}/enable", (string userName, HttpContext http, UserAdministration admin, SeparationOfDuties separation) =>
            AnswerAsync(admin.EnableAsync(userName, separation.DutiesOf(http.User), http.AuditActor(), http.RequestAborted))).WithSummary("Enable a user");
        users.MapPost("/{userName}/unlock", (string userName, HttpContext http, UserAdministration admin, SeparationOfDuties separation) =>
            AnswerAsync(admin.UnlockAsync(userName, separation.DutiesOf(http.User), http.AuditActor(), http.RequestAborted)))
            .WithSummary("End a lockout (the security administrator's duty)");
        users.MapPost("/{userName}/reset-two-factor", (string userName, HttpContext http, UserAdministration admin, SeparationOfDuties separation) =>
            AnswerAsync(admin.ResetTwoFactorAsync(userName, separation.DutiesOf(http.User), http.AuditActor(), http.RequestAborted)))
            .WithSummary("Turn two-factor sign-in off and forget the authenticator and recovery codes (the security administrator's duty)");
        users.MapPost("/{userName}/reset-password", ResetPasswordAsync)
            .WithSummary("Reset the password to a generated one (returned once as generatedPassword); the user must change it at the next sign-in");
        return api;
    }

    private static async Task<IResult> SearchAsync(string? search, int? page, int? pageSize, UserAdministration admin, CancellationToken cancellationToken)
    {
        var result = await admin.SearchAsync(search, page, pageSize, cancellationToken);
        return TypedResults.Ok(new UserPageDto(result.Total, result.Page, result.PageSize, [.. result.Items.Select(u => UserDto.From(u))]));
    }

    private static Task<IResult> GetAsync(string userName, UserAdministration admin, CancellationToken cancellationToken) =>
        AnswerAsync(admin.GetAsync(userName, cancellationToken));

    private static async Task<IResult> CreateAsync(HttpContext http, UserAdministration admin, SeparationOfDuties separation, CancellationToken cancellationToken)
    {
        var (request, _, problem) = await ApiJson.ReadAsync<NewUser>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var result = await admin.CreateAsync(request!, separation.DutiesOf(http.User), http.AuditActor(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/admin/users/{Uri.EscapeDataString(result.Value!.User.UserName)}", UserDto.From(result.Value.User, result.Value.GeneratedPassword))
            : ApiProblems.From(result);
    }

    private static async Task<IResult> UpdateAsync(
        string userName, HttpContext http, UserAdministration admin, SeparationOfDuties separation, CancellationToken cancellationToken)
    {
        var (request, _, problem) = await ApiJson.ReadAsync<UserChanges>(http.Request, cancellationToken);
        return problem ?? await AnswerAsync(admin.UpdateAsync(userName, request!, separation.DutiesOf(http.User), http.AuditActor(), cancellationToken));
    }

    private static async Task<IResult> ResetPasswordAsync(
        string userName, HttpContext http, UserAdministration admin, SeparationOfDuties separation, CancellationToken cancellationToken)
    {
        var result = await admin.ResetPasswordAsync(userName, separation.DutiesOf(http.User), http.AuditActor(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(UserDto.From(result.Value!.User, result.Value.Password)) : ApiProblems.From(result);
    }

    private static async Task<IResult> AnswerAsync(Task<OperationResult<UserSummary>> operation)
    {
        var result = await operation;
        return result.Succeeded ? TypedResults.Ok(UserDto.From(result.Value!)) : ApiProblems.From(result);
    }
}
