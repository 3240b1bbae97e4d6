using Bunit;
using CommandCenter.Data.Sos;
using CommandCenter.Web.Components.Console;
using CommandCenter.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>The SOS banner: appears live for a raised alarm, plays the local sound, stays until acknowledged, records who and when.</summary>
public sealed class SosBannerTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_raised_alarm_appears_live_with_its_sound_and_goes_once_acknowledged()
    {
        await using var console = new ConsoleTestContext(factory, "sos1", "接警值班员");
        var sound = console.Bunit.JSInterop.SetupModule("./Components/Console/SosBanner.razor.js");
        sound.Setup<bool>("start", _ => true).SetResult(false); // the browser blocks autoplay until a gesture
        sound.SetupVoid("stop", _ => true).SetVoidResult();
        sound.SetupVoid("forget", _ => true).SetVoidResult();
        var banner = console.Bunit.Render<SosBanner>(p => p.Add(b => b.Officer, console.Officer));
        var before = banner.Instance.Alerts.Count;
        Assert.Equal("sounds/sos-alarm.wav", banner.Find("audio").GetAttribute("src"));

        var raised = await factory.Services.GetRequiredService<SosIntakeService>().RaiseAsync(new SosSignal(factory.District.WristbandSerial, null, null, null));
        Assert.True(raised.Succeeded);

        banner.WaitForAssertion(() => Assert.Contains(banner.Instance.Alerts, a => a.Id == raised.Value!.Id), TimeSpan.FromSeconds(10));
        Assert.Contains("一键呼叫报警", banner.Find(".cc-sos-banner").TextContent, StringComparison.Ordinal);
        Assert.Contains("王**", banner.Find(".cc-sos-banner").TextContent, StringComparison.Ordinal); // the wearer, masked
        Assert.DoesNotContain("王秀英", banner.Markup, StringComparison.Ordinal);
        banner.WaitForAssertion(() => sound.VerifyInvoke("start"));
        Assert.NotEmpty(banner.FindAll(".cc-sos-enable-sound")); // blocked: the officer can enable the sound with one click

        await banner.ClickAsync($"li[data-alert-id='{raised.Value!.Id}'] .cc-sos-acknowledge");

        banner.WaitForAssertion(() => Assert.DoesNotContain(banner.Instance.Alerts, a => a.Id == raised.Value.Id));
        Assert.Equal(before, banner.Instance.Alerts.Count);
        var alert = await factory.QueryAsync(db => db.SosAlerts.AsNoTracking().SingleAsync(a => a.Id == raised.Value.Id));
        Assert.Equal((SosStatus.Acknowledged, "接警值班员"), (alert.Status, alert.AcknowledgedBy));
        Assert.NotNull(alert.AcknowledgedAt);
        if (before == 0)
        {
            banner.WaitForAssertion(() => sound.VerifyInvoke("stop"));
        }
    }

    [Fact]
    public async Task An_officer_of_another_area_does_not_see_the_alarm()
    {
        await using var console = new ConsoleTestContext(factory, "sos2", "红旗值班员", scope: ApiDistrict.Street2Code);
        var raised = await factory.Services.GetRequiredService<SosIntakeService>().RaiseAsync(new SosSignal(factory.District.WristbandSerial, null, null, null));
        Assert.True(raised.Succeeded);

        var banner = console.Bunit.Render<SosBanner>(p => p.Add(b => b.Officer, console.Officer));

        Assert.DoesNotContain(banner.Instance.Alerts, a => a.Id == raised.Value!.Id);
        var refused = await factory.Services.GetRequiredService<SosAcknowledgementService>().AcknowledgeAsync(raised.Value!.Id, console.Officer);
        Assert.Equal(Data.OperationStatus.OutOfScope, refused.Status);
    }
}
