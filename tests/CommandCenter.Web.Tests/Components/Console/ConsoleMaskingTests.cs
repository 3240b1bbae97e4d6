using Bunit;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Incidents;
using CommandCenter.Web.Components.Console;
using CommandCenter.Web.Tests.Api;
using CommandCenter.Web.Tests.Api.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>
/// The console never renders personal numbers typed into free text (queue, supervisions, detail, history), and the
/// reporter's phone appears in full only after a duty officer's reveal with a reason, which is audited.
/// </summary>
public sealed class ConsoleMaskingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Queue_supervisions_and_detail_show_free_text_masked()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, MaskedFreeText.Title, reporterPhone: "13812345678");
        await ConsoleIncidents.ApplyAsync(factory, incident.Id, new IncidentCommand(IncidentAction.File, 1, "已联系 13987654321"));
        await factory.WithDbAsync(async db =>
        {
            db.Supervisions.Add(new Supervision { IncidentId = incident.Id, Clock = SlaClock.Resolve, Reason = "测试督办", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        await using var console = new ConsoleTestContext(factory, "m1", "脱敏值班员");

        var queue = console.Bunit.Render<IncidentQueue>(p => p.Add(q => q.Officer, console.Officer));
        queue.WaitForAssertion(() => Assert.Contains(queue.Instance.Rows, r => r.Id == incident.Id));
        var supervisions = console.Bunit.Render<SupervisionList>(p => p.Add(l => l.Officer, console.Officer));
        var detail = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        detail.WaitForAssertion(() => Assert.NotNull(detail.Instance.Detail));

        Assert.Contains(MaskedFreeText.MaskedTitle, queue.Markup, StringComparison.Ordinal);
        Assert.Contains(MaskedFreeText.MaskedTitle, supervisions.Markup, StringComparison.Ordinal);
        Assert.Contains(MaskedFreeText.MaskedTitle, detail.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("139****4321", detail.Markup, StringComparison.Ordinal);
        foreach (var markup in new[] { queue.Markup, supervisions.Markup, detail.Markup })
        {
            MaskedFreeText.AssertNothingPersonal(markup);
        }
    }

    [Fact]
    public async Task A_duty_officer_reveals_the_reporters_phone_with_a_reason_and_it_is_audited()
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "回访-电话", reporterName: "王秀英", reporterPhone: "13912340001");
        await using var console = new ConsoleTestContext(factory, "m2", "回访值班员");
        var page = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Detail));
        Assert.Equal("139****0001", page.Find(".cc-reporter-phone").TextContent);

        await page.ClickAsync(".cc-reveal-start");
        Assert.Equal(["回访核实", "补充信息", "紧急联系", "一键呼叫联系"],
            page.FindAll(".cc-reveal-reasons button[data-reason]").Select(b => b.TextContent.Trim()));
        await page.ClickAsync(".cc-reveal-reasons button[data-reason=callback]");

        page.WaitForAssertion(() => Assert.Equal("13912340001", page.Find(".cc-reporter-phone").TextContent));
        Assert.Empty(page.FindAll(".cc-reveal-start"));
        var audit = new List<Data.Auditing.AuditEntry>();
        var entityId = incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await factory.WithDbAsync(async db => audit.AddRange(await db.AuditEntries
            .Where(e => e.Action == IncidentReporterReveal.AuditAction && e.EntityId == entityId).ToListAsync()));
        var entry = Assert.Single(audit);
        Assert.Equal(("m2", "Incident", "reason: callback"), (entry.UserId, entry.EntityType, entry.Detail));
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Leader)]
    public async Task Leaders_and_analysts_are_offered_no_reveal(string role)
    {
        var incident = await ConsoleIncidents.ReportAsync(factory, "回访-只读", reporterPhone: "13912340002");
        await using var console = new ConsoleTestContext(factory, "m3" + role, "只读用户", role);
        var page = console.Bunit.Render<IncidentDetailPage>(p => p.Add(x => x.Id, incident.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Detail));

        Assert.Equal("139****0002", page.Find(".cc-reporter-phone").TextContent);
        Assert.Empty(page.FindAll(".cc-reveal-start"));
        Assert.DoesNotContain("13912340002", page.Markup, StringComparison.Ordinal);
    }
}
