Console.WriteLine("CommandCenter benchmarks");
