using System.Net;
using CommandCenter.Data.Auditing;
using CommandCenter.Data.Identity;
using CommandCenter.Web.Hosting;
using CommandCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hosting;

public sealed class CommandLineVerbsTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLineVerbs.RunAsync(factory.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Create_admin_creates_an_administrator_who_can_sign_in()
    {
        var (exit, output, _) = await RunAsync("create-admin", "--user", "chief", "--password", "Wang#2026zhuren", "--name", "王主任");

        Assert.Equal(CommandLineVerbs.Ok, exit);
        Assert.Contains("chief", output, StringComparison.Ordinal);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync("chief");
            Assert.NotNull(user);
            Assert.Equal("王主任", user.DisplayName);
            Assert.True(await users.IsInRoleAsync(user, Roles.Admin));
        }
        await factory.WithDbAsync(async db =>
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.UserCreated && e.Detail!.Contains("chief"))));

        var client = await factory.SignedInBrowserAsync("chief", "Wang#2026zhuren");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Create_admin_refuses_an_existing_user()
    {
        await RunAsync("create-admin", "--user", "twice", "--password", "Again#2026cc!");

        var (exit, _, error) = await RunAsync("create-admin", "--user", "twice", "--password", "Again#2026cc!");

        Assert.Equal(CommandLineVerbs.Failed, exit);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_admin_reports_a_weak_password()
    {
        var (exit, _, error) = await RunAsync("create-admin", "--user", "weak", "--password", "short");

        Assert.Equal(CommandLineVerbs.Failed, exit);
        Assert.Contains("密码至少需要 12 个字符", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create-admin", "--user", "nopassword")]
    [InlineData("create-admin", "--password", "Only#2026cc")]
    [InlineData("create-admin", "--user")]
    [InlineData("create-admin", "--user", "x", "--password", "Xx#2026ccc", "--colour", "red")]
    [InlineData("seed-demo")]
    [InlineData("seed-demo", "--scale", "lots")]
    [InlineData("seed-demo", "--scale", "1", "--seed", "x")]
    [InlineData("migrate", "--force", "yes")]
    [InlineData("frobnicate")]
    public async Task Bad_command_lines_exit_with_2(params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(CommandLineVerbs.Usage, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Migrate_succeeds_and_configuration_arguments_are_ignored()
    {
        var (exit, output, _) = await RunAsync("migrate", "--Logging:LogLevel:Default", "Warning");

        Assert.Equal(CommandLineVerbs.Ok, exit);
        Assert.Contains("migrated", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5917" }, false)]
    [InlineData(new[] { "Demo:Enabled=false" }, false)]
    [InlineData(new[] { "migrate" }, true)]
    [InlineData(new[] { "create-admin", "--user", "a" }, true)]
    public void Verbs_are_told_from_host_arguments(string[] args, bool expected) =>
        Assert.Equal(expected, CommandLineVerbs.IsVerb(args));
}
