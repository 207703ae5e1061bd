using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// The one place the EF Core package hands SQL text to EF Core's raw-SQL methods (<c>ExecuteSqlRaw</c>,
/// <c>SqlQueryRaw</c>, <c>FromSqlRaw</c>, and the raw command builder for a command of several result sets): every
/// raw statement is a <see cref="SqlBuilder"/>, and only this type reads its text.
/// </summary>
/// <remarks>
/// <para>
/// Audited against SQL injection: a built statement's text is SQL the package carries (written in the code, or its
/// schema scripts), constant identifiers (<see cref="Model.Tables"/>, the EF model's column names) and the placeholders
/// <see cref="SqlBuilder"/> made; every value is a parameter, never text. Keep it so: a value must go through <see cref="SqlBuilder.Value"/> or
/// <see cref="SqlBuilder.List"/>, whatever its source.
/// </para>
/// <para>
/// No EF1002/EF1003 suppression is needed: EF Core's analyzers flag an interpolated or concatenated string written
/// as the SQL argument of a raw-SQL call, and none is. A suppression here would hide one written here later.
/// </para>
/// </remarks>
internal static class RawSql
{
    /// <summary>Executes a command that returns no rows (<c>ExecuteSqlRawAsync</c>).</summary>
    /// <param name="context">The context, in its current transaction if any.</param>
    /// <param name="sql">The command.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The number of rows the database reports written.</returns>
    public static Task<int> ExecuteAsync(DbContext context, SqlBuilder sql, CancellationToken cancellationToken) =>
        context.Database.ExecuteSqlRawAsync(sql.Text, sql.Values!, cancellationToken);

    /// <summary>A query of unmapped rows or of scalars (a column named <c>Value</c>), as <c>SqlQueryRaw</c> reads them.</summary>
    /// <typeparam name="T">The row or scalar type.</typeparam>
    /// <param name="context">The context.</param>
    /// <param name="sql">The query.</param>
    /// <returns>The query, to run or compose.</returns>
    public static IQueryable<T> Query<T>(DbContext context, SqlBuilder sql) => context.Database.SqlQueryRaw<T>(sql.Text, sql.Values!);

    /// <summary>A query of mapped, tracked entities (<c>FromSqlRaw</c>).</summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="set">The entity's set.</param>
    /// <param name="sql">The query, selecting every mapped column.</param>
    /// <returns>The query, to run or compose.</returns>
    public static IQueryable<TEntity> Rows<TEntity>(DbSet<TEntity> set, SqlBuilder sql)
        where TEntity : class => set.FromSqlRaw(sql.Text, sql.Values!);

    /// <summary>
    /// Executes a command of several statements and result sets as one round trip, through EF Core's own pipeline (so
    /// its logging, interceptors and current transaction apply), and returns its reader (see <see cref="EntityRows"/>).
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="sql">The command.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The reader, at the first result set.</returns>
    public static Task<RelationalDataReader> ExecuteReaderAsync(DbContext context, SqlBuilder sql, CancellationToken cancellationToken)
    {
        var command = context.GetService<IRawSqlCommandBuilder>().Build(sql.Text, sql.Values, context.Model);
        return command.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(
                context.GetService<IRelationalConnection>(),
                command.ParameterValues,
                null,
                context,
                context.GetService<IRelationalCommandDiagnosticsLogger>(),
                CommandSource.FromSqlQuery),
            cancellationToken);
    }
}
