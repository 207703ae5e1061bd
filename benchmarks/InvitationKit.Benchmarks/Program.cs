using BenchmarkDotNet.Running;
using InvitationKit.Benchmarks.Store;

// Run all:    dotnet run -c Release --project benchmarks/InvitationKit.Benchmarks -- --filter '*'
// Quick mode: dotnet run -c Release --project benchmarks/InvitationKit.Benchmarks -- --filter '*' --job short
// Smoke test: dotnet run -c Release --project benchmarks/InvitationKit.Benchmarks -- --filter '*' --job dry
// Paired:     dotnet run -c Release --project benchmarks/InvitationKit.Benchmarks -- --paired [--rows 10,1000] [--rounds 30]
if (args is ["--paired", .. var options])
{
    string? Option(string name) => options.SkipWhile(o => o != name).Skip(1).FirstOrDefault();
    var rows = Option("--rows")?.Split(',').Select(int.Parse).ToArray() ?? [10, 1_000, 100_000];
    PairedStoreRuns.Run(rows, Option("--rounds") is { } rounds ? int.Parse(rounds) : 30);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
