using Bunit;
using CommandCenter.Web.Components.Charts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.JSInterop;

namespace CommandCenter.Web.Tests.Components.Charts;

/// <summary>The wrapper's JS calls: create once, update in place (series or options), throttled, destroy on dispose.</summary>
public sealed class ApexChartTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private BunitJSModuleInterop _module = default!;

    private static readonly object BarOptions = new { Chart = new { Type = "bar", Height = 240 }, Xaxis = new { Categories = new[] { "一街", "二街" } } };

    private static readonly string[] OtherStreets = ["一街", "三街"];

    public Task InitializeAsync()
    {
        _context.Services.AddSingleton<TimeProvider>(_time);
        _context.Services.AddLogging();
        _context.Services.AddLocalization();
        _module = _context.JSInterop.SetupModule(ApexChart.ModulePath);
        _module.SetupModule(invocation => invocation.Identifier == "create");
        _module.SetupVoid("updateSeries", _ => true).SetVoidResult();
        _module.SetupVoid("updateOptions", _ => true).SetVoidResult();
        _module.SetupVoid("destroy", _ => true).SetVoidResult();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<ApexChart> RenderBar(params double?[] data) => _context.Render<ApexChart>(p => p
        .Add(c => c.Options, BarOptions)
        .Add(c => c.Series, new[] { new ApexSeries("今日", data) })
        .Add(c => c.ChartKind, "by-street"));

    private IReadOnlyList<JSRuntimeInvocation> Calls(string identifier) => [.. _module.Invocations[identifier]];

    [Fact]
    public void Creates_the_chart_once_after_the_first_render_with_camel_case_json()
    {
        var chart = RenderBar(3, 5);

        var create = Assert.Single(Calls("create"));
        Assert.IsType<Microsoft.AspNetCore.Components.ElementReference>(create.Arguments[0]);
        Assert.Equal("""{"chart":{"type":"bar","height":240},"xaxis":{"categories":["一街","二街"]}}""", create.Arguments[1]);
        Assert.Equal("""[{"name":"今日","data":[3,5]}]""", create.Arguments[2]);
        Assert.Equal("by-street", chart.Find("div.cc-chart").GetAttribute("data-chart-kind"));

        chart.Render(p => p.Add(c => c.Series, new[] { new ApexSeries("今日", [3, 5]) }));
        Assert.Single(Calls("create"));
        Assert.Empty(Calls("updateSeries"));
        Assert.Empty(Calls("updateOptions"));
    }

    [Fact]
    public void New_data_is_sent_as_a_series_update_in_place()
    {
        var chart = RenderBar(3, 5);
        var markup = chart.Markup;
        _time.Advance(TimeSpan.FromSeconds(1));

        chart.Render(p => p.Add(c => c.Series, new[] { new ApexSeries("今日", [4, 5]) }));

        chart.WaitForAssertion(() => Assert.Single(Calls("updateSeries")));
        var update = Calls("updateSeries")[0];
        Assert.Equal("""[{"name":"今日","data":[4,5]}]""", update.Arguments[1]);
        Assert.Empty(Calls("updateOptions"));
        Assert.Single(Calls("create"));
        Assert.Equal(markup, chart.Markup);
    }

    [Fact]
    public void Changed_options_are_merged_with_the_series()
    {
        var chart = RenderBar(3, 5);
        _time.Advance(TimeSpan.FromSeconds(1));

        chart.Render(p => p
            .Add(c => c.Options, new { Chart = new { Type = "bar", Height = 240 }, Xaxis = new { Categories = OtherStreets } })
            .Add(c => c.Series, new[] { new ApexSeries("今日", [3, 7]) }));

        chart.WaitForAssertion(() => Assert.Single(Calls("updateOptions")));
        var update = Calls("updateOptions")[0];
        Assert.Contains("三街", (string)update.Arguments[1]!, StringComparison.Ordinal);
        Assert.Equal("""[{"name":"今日","data":[3,7]}]""", update.Arguments[2]);
        Assert.Empty(Calls("updateSeries"));
    }

    [Fact]
    public void Updates_inside_the_interval_are_throttled_to_one_with_the_latest_values()
    {
        var chart = RenderBar(1, 1);

        chart.Render(p => p.Add(c => c.Series, new[] { new ApexSeries("今日", [2, 1]) }));
        chart.Render(p => p.Add(c => c.Series, new[] { new ApexSeries("今日", [3, 1]) }));
        chart.Render(p => p.Add(c => c.Series, new[] { new ApexSeries("今日", [4, 1]) }));
        Assert.Empty(Calls("updateSeries"));

        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Empty(Calls("updateSeries"));
        _time.Advance(TimeSpan.FromMilliseconds(1));

        chart.WaitForAssertion(() => Assert.Single(Calls("updateSeries")));
        Assert.Equal("""[{"name":"今日","data":[4,1]}]""", Calls("updateSeries")[0].Arguments[1]);

        // The next change inside the following interval waits for it too.
        chart.Render(p => p.Add(c => c.Series, new[] { new ApexSeries("今日", [5, 1]) }));
        Assert.Single(Calls("updateSeries"));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        chart.WaitForAssertion(() => Assert.Equal(2, Calls("updateSeries").Count));
    }

    [Fact]
    public async Task Dispose_destroys_the_chart()
    {
        var chart = RenderBar(1, 2);

        await chart.Instance.DisposeAsync();

        var destroy = Assert.Single(Calls("destroy"));
        Assert.IsAssignableFrom<IJSObjectReference>(destroy.Arguments[0]);
    }

    [Fact]
    public async Task Dispose_tolerates_a_lost_connection_and_cancels_a_pending_update()
    {
        _module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("The circuit is gone."));
        var chart = RenderBar(1, 2);
        chart.Render(p => p.Add(c => c.Series, new[] { new ApexSeries("今日", [9, 9]) }));

        await chart.Instance.DisposeAsync();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Single(Calls("destroy"));
        Assert.Empty(Calls("updateSeries"));
    }
}
