using System.Diagnostics;
using System.Globalization;
using CommandCenter.Benchmarks;

// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- seed --provider Sqlite --scale 1 [--seed N] [--connection "..."]
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- analytics --provider Sqlite --connection "Data Source=…/commandcenter.db"
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- fanout --clients 1000 --rate 200 --seconds 20 --rounds 2
// dotnet run --project tests/CommandCenter.Benchmarks -- samples --out samples
if (args is ["samples", ..])
{
    return CommandCenter.Benchmarks.Samples.SampleDistrictWriter.Run(args);
}
if (args is ["fanout", ..])
{
    return await FanOutBenchmark.RunAsync(args);
}
if (args is ["fanout-clients", _, _, _])
{
    return await FanOutBenchmark.RunClientsAsync(args);
}
if (args.Length == 3 && args[0] == "analytics" || args.Length == 5 && args[0] == "analytics")
{
    var provider = args.Length == 5 ? Enum.Parse<CommandCenter.Data.Providers.DatabaseProvider>(args[2]) : CommandCenter.Data.Providers.DatabaseProvider.Sqlite;
    return await AnalyticsBenchmark.RunAsync(provider, args[^1], Console.Out);
}
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- intake --connection "Data Source=/tmp/intake.db" [--provider Sqlite] [--rate 200] [--callers 16] [--seconds 20] [--warmup 30]
if (args.Length > 0 && args[0] == "intake")
{
    string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
    int Number(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
    return await IntakeBenchmark.RunAsync(Enum.Parse<CommandCenter.Data.Providers.DatabaseProvider>(Arg("--provider", "Sqlite")), Arg("--connection", "Data Source=/tmp/cc-intake-bench.db"),
        Number("--rate", 200), Number("--callers", 16), Number("--seconds", 20), Number("--warmup", 30), Console.Out);
}
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- import-hierarchy
if (args is ["import-hierarchy"])
{
    return await HierarchyImportBenchmark.RunAsync(Console.Out);
}
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- import [--residents 296166]
if (args is ["import", ..])
{
    var residents = args is [_, "--residents", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : ImportBenchmark.DefaultResidents;
    return await ImportBenchmark.RunAsync(residents, Console.Out);
}
if (args.Length == 0 || args[0] != "seed")
{
    Console.Error.WriteLine("usage: samples --out DIR  |  import [--residents N]  |  import-hierarchy  |  intake [--provider P] [--connection \"...\"] [--rate R] [--callers C] [--seconds S] [--warmup W]  |  analytics [--provider P] --connection \"...\"  |  seed --provider Sqlite|PostgreSql|SqlServer --scale 1 [--seed N] [--connection \"...\"] [--keep]");
    return 2;
}
var options = SeedBenchmark.Options.Parse(args.AsSpan(1));
var result = await SeedBenchmark.RunAsync(options);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"provider={options.Provider} scale={options.Scale} seed={options.Seed} rows={result.Rows} migrate={result.Migrate.TotalSeconds:F1}s seed={result.Seed.TotalSeconds:F1}s rows/s={result.Rows / result.Seed.TotalSeconds:F0} peakWorkingSet={Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)}MiB"));
return 0;
