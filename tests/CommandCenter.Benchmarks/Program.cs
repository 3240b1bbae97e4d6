using System.Diagnostics;
using System.Globalization;
using CommandCenter.Benchmarks;

// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- seed --provider Sqlite --scale 1 [--seed N] [--connection "..."]
if (args.Length == 0 || args[0] != "seed")
{
    Console.Error.WriteLine("usage: seed --provider Sqlite|PostgreSql|SqlServer --scale 1 [--seed N] [--connection \"...\"] [--keep]");
    return 2;
}
var options = SeedBenchmark.Options.Parse(args.AsSpan(1));
var result = await SeedBenchmark.RunAsync(options);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"provider={options.Provider} scale={options.Scale} seed={options.Seed} rows={result.Rows} migrate={result.Migrate.TotalSeconds:F1}s seed={result.Seed.TotalSeconds:F1}s rows/s={result.Rows / result.Seed.TotalSeconds:F0} peakWorkingSet={Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)}MiB"));
return 0;
