using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CommandCenter.Data;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Ratings;
using CommandCenter.Web.Components.Console;
using CommandCenter.Web.Resources;
using CommandCenter.Web.Tests.TestHost;

namespace CommandCenter.Web.Tests.Components.Console;

/// <summary>Every console string the code asks for exists in Chinese and in English (a missing key shows its name on screen).</summary>
public sealed partial class ConsoleResourceTests
{
    private static readonly ResourceManager Strings = new("CommandCenter.Web.Resources.ConsoleResource", typeof(ConsoleResource).Assembly);

    public static TheoryData<string> Keys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        // Literal keys in the console's markup and code.
        var folder = Path.Combine(RepositoryFolder.Root, "CommandCenter.Web", "Components", "Console");
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)))
        {
            foreach (Match match in LiteralKey().Matches(File.ReadAllText(file)))
            {
                keys.Add(match.Groups[1].Value);
            }
        }
        keys.Add("Nav.Console");
        // Keys built from enum names.
        void AddAll<T>(string prefix) where T : struct, Enum
        {
            foreach (var value in Enum.GetValues<T>())
            {
                keys.Add($"{prefix}.{value}");
            }
        }
        AddAll<IncidentPriority>("Priority");
        AddAll<SourceChannel>("Source");
        AddAll<IncidentStage>("Stage");
        AddAll<HandlingTier>("Tier");
        AddAll<IncidentAction>("History");
        AddAll<RatingLevel>("Rating");
        AddAll<SlaClock>("Clock");
        AddAll<QueueView>("View");
        foreach (var action in IncidentLifecycle.RequestableActions)
        {
            keys.Add($"Action.{action}");
        }
        foreach (var status in Enum.GetValues<TransitionStatus>().Where(s => s != TransitionStatus.Applied))
        {
            keys.Add($"Status.{status}");
        }
        foreach (var status in Enum.GetValues<OperationStatus>().Where(s => s != OperationStatus.Succeeded))
        {
            keys.Add($"Status.{status}");
        }
        var data = new TheoryData<string>();
        foreach (var key in keys)
        {
            data.Add(key);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Has_Chinese_and_English(string key)
    {
        var chinese = Strings.GetString(key, CultureInfo.GetCultureInfo("zh-CN"));
        var english = Strings.GetString(key, CultureInfo.GetCultureInfo("en"));
        Assert.False(string.IsNullOrWhiteSpace(chinese), $"{key} has no Chinese text");
        Assert.False(string.IsNullOrWhiteSpace(english), $"{key} has no English text");
        Assert.True(key.StartsWith("View.Sos", StringComparison.Ordinal) || key.StartsWith("Source.Open311", StringComparison.Ordinal) || chinese != english,
            $"{key} is not translated");
    }

    [GeneratedRegex("""Text\["([A-Za-z.]+)"[\],]""")]
    private static partial Regex LiteralKey();
}
