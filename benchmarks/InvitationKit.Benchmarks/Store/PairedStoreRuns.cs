using System.Diagnostics;
using System.Globalization;
using InvitationKit.EntityFrameworkCore;

namespace InvitationKit.Benchmarks.Store;

/// <summary>
/// <see cref="StoreBenchmarks"/>' cells (invite 20, accept, list page, seat usage), kit (pooled context) and floor measured in turns in one process
/// (<c>--paired</c>). BenchmarkDotNet runs each benchmark in a process of its own, minutes apart, so on a machine shared
/// with other work a ratio also measures how the machine's load moved in between: floors moved by up to 70 % between
/// runs of the same code here. In a paired run each round times 64 of the floor's operations and then 64 of the kit's
/// (or the other way round, every other round) on the same data, and the figure is the median of the rounds' ratios. It
/// complements BenchmarkDotNet, which stays the reference for absolute times and allocations; nothing asserts a time.
/// </summary>
internal static class PairedStoreRuns
{
    private const int Operations = 64;

    /// <summary>Runs every database available, at <paramref name="rows"/>, and prints a Markdown table.</summary>
    /// <param name="rows">The account sizes (<see cref="StoreBenchmarks.Rows"/>).</param>
    /// <param name="rounds">Measured rounds per cell, after as many warm-up rounds as a fifth of them (at least one).</param>
    public static void Run(IReadOnlyList<int> rows, int rounds)
    {
        Console.WriteLine("| operation | database | rows | floor, median (µs) | kit, pooled, median (µs) | median of the rounds' ratios | middle 80 % of the ratios |");
        Console.WriteLine("|---|---|--:|--:|--:|--:|--:|");
        foreach (var database in StoreBenchmarks.Databases)
        {
            foreach (var count in rows)
            {
                var store = new StoreBenchmarks { Database = database, Rows = count };
                store.Setup();
                try
                {
                    Print("invite 20", database, count, Measure(rounds, kit => OnFreshData(store.SetupInvites, store.CleanupInvites, () => kit ? store.PooledInvite20() : store.FloorInvite20())));
                    Print("accept", database, count, Measure(rounds, kit => OnFreshData(store.SetupAccepts, store.CleanupAccepts, () => kit ? store.PooledAccept() : store.FloorAccept())));
                    Print("list page", database, count, Measure(rounds, kit => Time(() => kit ? store.PooledListPage() : store.FloorListPage())));
                    Print("seat usage", database, count, Measure(rounds, kit => Time(() => kit ? store.PooledSeats() : store.FloorSeats())));
                }
                finally
                {
                    store.Cleanup();
                }
            }
        }
    }

    /// <summary>The floor's and the kit's time per operation in each round (µs), after the warm-up rounds.</summary>
    private static (double Floor, double Kit)[] Measure(int rounds, Func<bool, double> round)
    {
        for (var warm = 0; warm < Math.Max(1, rounds / 5); warm++)
        {
            round(false);
            round(true);
        }

        return [.. Enumerable.Range(0, rounds).Select(r =>
        {
            if (r % 2 == 0)
            {
                var floor = round(false);
                return (floor, round(true));
            }

            var kit = round(true);
            return (round(false), kit);
        })];
    }

    /// <summary>
    /// Times <paramref name="operation"/> on data of its own, as a BenchmarkDotNet iteration does: the invitations a
    /// round accepts, or the addresses it invites, are made before it and removed after it.
    /// </summary>
    private static double OnFreshData(Action setup, Action cleanup, Func<Task> operation)
    {
        setup();
        try
        {
            return Time(operation);
        }
        finally
        {
            cleanup();
        }
    }

    private static double Time(Func<Task> operation)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Operations; i++)
        {
            operation().GetAwaiter().GetResult();
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / Operations;
    }

    private static void Print(string operation, InvitationKitDatabase database, int rows, (double Floor, double Kit)[] rounds)
    {
        var ratios = rounds.Select(r => r.Kit / r.Floor).Order().ToArray();
        string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"| {operation} | {database} | {F(rows, "N0")} | {F(Median(rounds.Select(r => r.Floor)), "F1")} | {F(Median(rounds.Select(r => r.Kit)), "F1")} "
            + $"| **{F(Median(ratios), "F2")}×** | {F(ratios[ratios.Length / 10], "F2")}–{F(ratios[(ratios.Length - 1) * 9 / 10], "F2")}× |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
