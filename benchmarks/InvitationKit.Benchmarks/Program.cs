using BenchmarkDotNet.Running;

// Run all:    dotnet run -c Release --project benchmarks/InvitationKit.Benchmarks -- --filter '*'
// Quick mode: dotnet run -c Release --project benchmarks/InvitationKit.Benchmarks -- --filter '*' --job short
// Smoke test: dotnet run -c Release --project benchmarks/InvitationKit.Benchmarks -- --filter '*' --job dry
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
