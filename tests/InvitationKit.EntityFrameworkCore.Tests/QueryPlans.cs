using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using InvitationKit.EntityFrameworkCore.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>The plan tests' one way to see what a store call asks of the database: every statement it sent, explained.</summary>
internal static class QueryPlans
{
    /// <summary>
    /// Runs a store call, then asks the database to explain each statement of every query it sent (and of every write,
    /// with <paramref name="explainWrites"/>), with the same parameters.
    /// </summary>
    public static async Task<string> PlanOfAsync(TestDatabase database, Func<EntityFrameworkCoreInvitationStore<InvitationKitDbContext>, Task> call, bool explainWrites = false)
    {
        var recorder = new Recorder { RecordWrites = explainWrites };
        await using var context = new InvitationKitDbContext(new DbContextOptionsBuilder<InvitationKitDbContext>(TestDatabase.Options(database.Kind, database.ConnectionString)).AddInterceptors(recorder).Options);
        await call(database.NewStore(context));
        await context.Database.OpenConnectionAsync();
        var plans = new List<string>();
        foreach (var (sql, parameters) in recorder.Queries)
        {
            foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await using var explain = context.Database.GetDbConnection().CreateCommand();
                explain.CommandText = (database.Kind == InvitationKitDatabase.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + statement;
                foreach (var (name, value) in parameters.Where(p => Regex.IsMatch(statement, $@"@{p.Name}\b")))
                {
                    var parameter = explain.CreateParameter();
                    (parameter.ParameterName, parameter.Value) = ("@" + name, value);
                    explain.Parameters.Add(parameter);
                }

                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    plans.Add(Convert.ToString(reader.GetValue(reader.FieldCount - 1), CultureInfo.InvariantCulture)!);
                }
            }
        }

        return string.Join(" | ", plans);
    }

    /// <summary>Records every query text and its parameters (names without their <c>@</c>).</summary>
    private sealed class Recorder : DbCommandInterceptor
    {
        public List<(string Sql, (string Name, object? Value)[] Parameters)> Queries { get; } = [];

        public bool RecordWrites { get; init; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (RecordWrites)
            {
                Record(command);
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command) =>
            Queries.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName.TrimStart('@'), (object?)p.Value)).ToArray()));
    }
}
