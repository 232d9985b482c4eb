using BenchmarkDotNet.Running;
using Lens.Benchmarks;

// Usage: dotnet run -c Release --project bench/Lens.Benchmarks -- --filter '*' [--job short]
// BenchmarkDotNet's own options apply (--list flat, --filter '*Histograms*', --exporters json, ...).
BenchmarkSwitcher.FromAssembly(typeof(WindowJudgementBenchmarks).Assembly).Run(args);
