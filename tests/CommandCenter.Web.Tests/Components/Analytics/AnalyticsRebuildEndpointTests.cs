using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Data;
using CommandCenter.Data.Identity;
using CommandCenter.Jobs.Analytics;
using CommandCenter.Web.Components.Analytics;
using CommandCenter.Web.Tests.TestHost;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Components.Analytics;

/// <summary>POST /api/v1/analytics/rebuild: administrators queue a rollup rebuild of a range of days.</summary>
public sealed class AnalyticsRebuildEndpointTests(CommandCenterFactory factory) : IClassFixture<CommandCenterFactory>
{
    private async Task<HttpClient> SignedInAsync(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";
        await factory.CreateUserAsync(name, role);
        var client = factory.CreateBrowser();
        await CommandCenterFactory.PostLoginAsync(client, name, CommandCenterFactory.Password);
        return client;
    }

    [Fact]
    public async Task An_admin_queues_a_rebuild_which_is_audited()
    {
        var admin = await SignedInAsync(Roles.Admin);
        var today = ChinaDay.Of(DateTime.UtcNow);
        var from = today.AddDays(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await admin.PostAsJsonAsync(AnalyticsRebuildEndpoint.Path, new { from, to });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = queued.GetProperty("jobId").GetString()!;
        Assert.Equal(7, queued.GetProperty("days").GetInt32());
        Assert.Equal($"/hangfire/jobs/details/{jobId}", response.Headers.Location!.OriginalString);
        var job = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(jobId);
        Assert.NotNull(job);
        Assert.Equal(typeof(AnalyticsRebuildJob), job.Job.Type);
        Assert.Equal([from, to], job.Job.Args.Take(2).Cast<string>());
        await factory.WithDbAsync(async db =>
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "analytics.rebuild" && e.EntityId == jobId && e.Detail!.Contains(from))));
    }

    [Theory]
    [InlineData("""{"from":"2026-13-01","to":"2026-01-02"}""", "from")]
    [InlineData("""{"from":"2026-02-01","to":"2026-01-02"}""", "to")]
    [InlineData("""{"from":"2024-01-01","to":"2026-01-02"}""", "to")]
    [InlineData("""{"to":"2026-01-02"}""", "from")]
    [InlineData("""{"from":"2026-01-01","to":"2999-01-02"}""", "to")]
    public async Task A_bad_range_is_422_naming_the_field(string body, string field)
    {
        var admin = await SignedInAsync(Roles.Admin);
        var response = await admin.PostAsync(AnalyticsRebuildEndpoint.Path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Only_admins_may_and_malformed_json_is_400()
    {
        var analyst = await SignedInAsync(Roles.Analyst);
        var refused = await analyst.PostAsJsonAsync(AnalyticsRebuildEndpoint.Path, new { from = "2026-01-01", to = "2026-01-02" });
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, refused.StatusCode.ToString());

        var admin = await SignedInAsync(Roles.Admin);
        var malformed = await admin.PostAsync(AnalyticsRebuildEndpoint.Path, new StringContent("{\"from\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }
}
