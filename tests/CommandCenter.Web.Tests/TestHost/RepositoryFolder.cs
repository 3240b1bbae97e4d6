namespace CommandCenter.Web.Tests.TestHost;

/// <summary>The checkout the tests run from, for tests that read source files (resources, markup).</summary>
public static class RepositoryFolder
{
    /// <summary>The folder holding CommandCenter.sln, found by walking up from the test output.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CommandCenter.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("CommandCenter.sln not found above the test output.");
    }
}
