using CommandCenter.Data;
using CommandCenter.Data.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using CommandCenter.Data.Auditing;
using CommandCenter.Web.Authentication;

namespace CommandCenter.Web.Components.Admin;

/// <summary>
/// /admin/users: administrators search and page the accounts, create one (a password of their own or a generated one,
/// shown once), edit roles, scope and grid-worker link, disable, enable, unlock and reset passwords. The same rules and
/// audit as /api/v1/admin/users, through <see cref="UserAdministration"/>.
/// </summary>
public sealed partial class UsersPage
{
    private static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    private UserPage? _page;
    private string? _search;
    private (string UserName, string Password)? _secret;
    private bool _formOpen;
    private string? _formError;
    private UserForm _form = new();

    [Inject]
    private UserAdministration Admin { get; set; } = default!;

    [Inject]
    private SeparationOfDuties Separation { get; set; } = default!;

    /// <summary>What the signed-in administrator may do here (三员分立); the service checks it again.</summary>
    private AdministratorDuties _duties = new(false, false);

    /// <summary>The page of users shown (for tests).</summary>
    public UserPage? Shown => _page;

    private int PageCount => _page is null ? 0 : Math.Max(1, (int)Math.Ceiling(_page.Total / (double)_page.PageSize));

    protected override async Task OnInitializedAsync()
    {
        _duties = Separation.DutiesOf((await SignedIn).User);
        await LoadAreasAsync();
        await LoadAsync(1);
    }

    private async Task LoadAsync(int page) => _page = await Admin.SearchAsync(_search, page, UserDirectory.DefaultPageSize);

    private async Task SearchAsync(string? search)
    {
        _search = search;
        await LoadAsync(1);
    }

    private Task GoToAsync(int page) => LoadAsync(page);

    private string ScopeLabel(string? code) => code is null ? Text["Scope.AllDistrict"] : AdminFormat.AreaName(Areas, code) ?? code;

    private void OpenCreate()
    {
        _form = new UserForm();
        _formError = null;
        _formOpen = true;
    }

    private async Task OpenEditAsync(UserSummary user)
    {
        IReadOnlyList<PersonOption> workers = user.GridWorkerId is null ? [] : await Directory.GridWorkersAsync(null);
        _form = new UserForm
        {
            Editing = user.UserName, DisplayName = user.DisplayName, Roles = [.. user.Roles], ScopeCode = user.ScopeCode, StaffMemberId = user.StaffMemberId,
            GridWorker = user.GridWorkerId is { } id
                ? workers.FirstOrDefault(w => w.Id == id) ?? new PersonOption(id, Text["Link.GridWorker", id], string.Empty, null)
                : null,
        };
        _formError = null;
        _formOpen = true;
    }

    private void ToggleRole(string role, bool on)
    {
        if (on)
        {
            _form.Roles.Add(role);
        }
        else
        {
            _form.Roles.Remove(role);
        }
    }

    private async Task<IEnumerable<PersonOption>> SearchWorkersAsync(string? text, CancellationToken cancellationToken) =>
        await Directory.GridWorkersAsync(text, cancellationToken);

    private Task SaveAsync() => RunBusyAsync(async actor =>
    {
        var roles = Roles.All.Where(_form.Roles.Contains).ToList();
        if (_form.Editing is null)
        {
            var result = await Admin.CreateAsync(new NewUser(_form.UserName, _form.DisplayName, _form.Password, roles, _form.ScopeCode), _duties, actor);
            if (!Finish(result))
            {
                return;
            }
            _secret = result.Value!.GeneratedPassword is { } password ? (result.Value.User.UserName, password) : null;
            Say(Text["Done.Created", result.Value.User.UserName], Severity.Success);
        }
        else
        {
            var changes = new UserChanges(_form.DisplayName, roles, _form.ScopeCode, _form.GridWorker?.Id, _form.StaffMemberId);
            if (!Finish(await Admin.UpdateAsync(_form.Editing, changes, _duties, actor)))
            {
                return;
            }
            Say(Text["Done.Saved", _form.Editing], Severity.Success);
        }
        await LoadAsync(_page?.Page ?? 1);
    });

    private Task ResetPasswordAsync(string userName) => RunBusyAsync(async actor =>
    {
        var result = await Admin.ResetPasswordAsync(userName, _duties, actor);
        if (!result.Succeeded)
        {
            SayFailed(result.Message);
            return;
        }
        _secret = (userName, result.Value!.Password);
        Say(Text["Done.Reset", userName], Severity.Info);
        await LoadAsync(_page?.Page ?? 1);
    });

    private Task RunAsync(
        string userName, Func<string, AdministratorDuties, AuditActor, CancellationToken, Task<OperationResult<UserSummary>>> action, string doneKey) =>
        RunBusyAsync(async actor =>
        {
            var result = await action(userName, _duties, actor, CancellationToken.None);
            if (result.Succeeded)
            {
                Say(Text[doneKey, userName], Severity.Success);
            }
            else
            {
                SayFailed(result.Message);
            }
            await LoadAsync(_page?.Page ?? 1);
        });

    /// <summary>Closes the dialog on success; otherwise keeps it open with the reasons.</summary>
    private bool Finish<T>(OperationResult<T> result)
    {
        if (result.Succeeded)
        {
            _formOpen = false;
            return true;
        }
        _formError = Text["Failed", result.Message ?? string.Empty];
        return false;
    }

    private sealed class UserForm
    {
        public string? Editing { get; init; }
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public string? DisplayName { get; set; }
        public HashSet<string> Roles { get; init; } = [];
        public string? ScopeCode { get; set; }
        public PersonOption? GridWorker { get; set; }
        public int? StaffMemberId { get; init; }
    }
}
