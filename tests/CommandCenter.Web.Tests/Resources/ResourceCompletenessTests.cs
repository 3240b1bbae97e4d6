using System.Text.RegularExpressions;
using System.Xml.Linq;
using CommandCenter.Web.Tests.TestHost;

namespace CommandCenter.Web.Tests.Resources;

/// <summary>
/// Every neutral (Chinese) .resx in the repository has an English twin with the same keys and placeholders, no empty
/// text, and every literal key the code asks of its localizer (<c>Text["Key"]</c>, <c>L["Key"]</c>) exists — a missing
/// key shows its own name on screen.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly string WebFolder = Path.Combine(RepositoryFolder.Root, "CommandCenter.Web");

    public static TheoryData<string> NeutralResources()
    {
        var data = new TheoryData<string>();
        foreach (var path in NeutralResourceFiles())
        {
            data.Add(Path.GetRelativePath(RepositoryFolder.Root, path));
        }
        return data;
    }

    [Fact]
    public void The_resources_are_found()
    {
        var names = NeutralResourceFiles().Select(ResourceName).ToList();
        Assert.Contains("SharedResource", names);
        Assert.Contains("AnalyticsResource", names);
        Assert.True(names.Count >= 9, string.Join(", ", names));
    }

    [Theory]
    [MemberData(nameof(NeutralResources))]
    public void English_has_the_same_keys_and_placeholders_and_no_text_is_empty(string neutral)
    {
        var neutralPath = Path.Combine(RepositoryFolder.Root, neutral);
        var englishPath = Path.ChangeExtension(neutralPath, ".en.resx");
        Assert.True(File.Exists(englishPath), $"{neutral} has no English twin {Path.GetFileName(englishPath)}");

        var chinese = Entries(neutralPath);
        var english = Entries(englishPath);

        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"zh-CN {e.Key}"));
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"en {e.Key}"));
        Assert.Empty(chinese.Keys.Intersect(english.Keys)
            .Where(k => !Placeholders(chinese[k]).SequenceEqual(Placeholders(english[k])))
            .Select(k => $"{k}: '{chinese[k]}' / '{english[k]}'"));
    }

    [Theory]
    [MemberData(nameof(NeutralResources))]
    public void Every_literal_key_used_in_code_exists(string neutral)
    {
        var resource = ResourceName(neutral);
        var keys = Entries(Path.Combine(RepositoryFolder.Root, neutral)).Keys.ToHashSet(StringComparer.Ordinal);

        var missing = UsedKeys(resource).Where(use => !keys.Contains(use.Key)).Select(use => $"{use.Key} ({use.File})").ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void The_key_scan_sees_injected_inherited_and_imported_localizers()
    {
        // A guard against the scan silently finding nothing: one key of each way a localizer reaches code.
        Assert.Contains(UsedKeys("SharedResource"), u => u.File.EndsWith(".razor", StringComparison.Ordinal)); // _Imports.razor
        Assert.Contains(UsedKeys("AdminResource"), u => u.File.EndsWith("UsersPage.razor", StringComparison.Ordinal)); // AdminPageBase
        Assert.Contains(UsedKeys("RegistryResource"), u => u.File.EndsWith("ResidentsTab.razor", StringComparison.Ordinal)); // RegistryTab
        Assert.Contains(UsedKeys("AnalyticsResource"), u => u.File.EndsWith("AnalyticsTables.cs", StringComparison.Ordinal)); // constructor parameter
    }

    private static IEnumerable<string> NeutralResourceFiles() =>
        Directory.EnumerateFiles(RepositoryFolder.Root, "*.resx", SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p) && Path.GetFileNameWithoutExtension(p).IndexOf('.', StringComparison.Ordinal) < 0)
            .Order(StringComparer.Ordinal);

    private static string ResourceName(string path) => Path.GetFileNameWithoutExtension(path);

    private static Dictionary<string, string> Entries(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    /// <summary>The literal keys asked of <paramref name="resource"/>'s localizer anywhere in the web project.</summary>
    private static IEnumerable<(string File, string Key)> UsedKeys(string resource)
    {
        foreach (var file in SourceFiles.Value)
        {
            foreach (var name in LocalizersIn(file).Where(l => l.Resource == resource).Select(l => l.Name).Distinct())
            {
                var text = File.ReadAllText(file);
                foreach (Match match in Regex.Matches(text, $"""(?<![\w.$@"]){Regex.Escape(name)}\["((?:[^"\\]|\\.)*)"[\],]"""))
                {
                    yield return (Path.GetRelativePath(WebFolder, file), match.Groups[1].Value);
                }
            }
        }
    }

    private static readonly Lazy<List<string>> SourceFiles = new(() =>
        [.. Directory.EnumerateFiles(WebFolder, "*", SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p) && (p.EndsWith(".razor", StringComparison.Ordinal) || p.EndsWith(".cs", StringComparison.Ordinal)))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))]);

    /// <summary>Class name → the localizers that class declares (for base classes such as AdminPageBase).</summary>
    private static readonly Lazy<Dictionary<string, List<(string Name, string Resource)>>> DeclaredByClass = new(() =>
    {
        var map = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles.Value.Where(f => f.EndsWith(".cs", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match type in ClassDeclaration().Matches(text))
            {
                map[type.Groups[1].Value] = Declared(text);
            }
        }
        return map;
    });

    /// <summary>
    /// The localizers code in <paramref name="file"/> can reach: declared in the file, in its markup or code-behind twin,
    /// in a base class, and (for components) injected by an _Imports.razor in its folder or above.
    /// </summary>
    private static List<(string Name, string Resource)> LocalizersIn(string file)
    {
        var component = file.EndsWith(".razor", StringComparison.Ordinal) ? file
            : file.EndsWith(".razor.cs", StringComparison.Ordinal) ? file[..^3] : null;
        var parts = new List<string> { file };
        if (component is not null)
        {
            parts.Add(component == file ? file + ".cs" : component);
        }
        var result = new List<(string, string)>();
        foreach (var part in parts.Where(File.Exists))
        {
            var text = File.ReadAllText(part);
            result.AddRange(Declared(text));
            foreach (Match inherits in BaseClass().Matches(text))
            {
                if (DeclaredByClass.Value.TryGetValue(inherits.Groups[1].Value, out var inherited))
                {
                    result.AddRange(inherited);
                }
            }
        }
        if (component is not null)
        {
            for (var folder = Path.GetDirectoryName(file); folder is not null && folder.StartsWith(WebFolder, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
            {
                var imports = Path.Combine(folder, "_Imports.razor");
                if (File.Exists(imports))
                {
                    result.AddRange(Declared(File.ReadAllText(imports)));
                }
            }
        }
        return result;
    }

    private static List<(string Name, string Resource)> Declared(string text) =>
        [.. LocalizerDeclaration().Matches(text).Select(m => (m.Groups[2].Value, m.Groups[1].Value))];

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    [GeneratedRegex(@"\{\d+(?=[,:}])")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"IStringLocalizer<(\w+)>\s+(\w+)")]
    private static partial Regex LocalizerDeclaration();

    [GeneratedRegex(@"\bclass\s+(\w+)")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"(?:@inherits\s+|\bclass\s+\w+\s*:\s*)(\w+)")]
    private static partial Regex BaseClass();
}
