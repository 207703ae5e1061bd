using System.Security.Cryptography;
using System.Text;
using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.EntityFrameworkCore.Stores;
using InvitationKit.Limits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.EntityFrameworkCore.Limits;

/// <summary>
/// The kit's throttles counted in the database every instance shares (<c>UseEntityFrameworkCoreRateLimiter</c>): the same
/// fixed windows as the in-process limiter, on the kit's <see cref="IClock"/>, one row per rule and partition. Each check
/// is one statement, an upsert that starts, fills or refuses the partition's window atomically and returns the decision;
/// so the limits hold in total across instances, not per instance.
/// </summary>
/// <remarks>
/// The table holds no actor id, address or client key: a partition is stored as its keyed hash (HMAC-SHA-256 under a key
/// derived from <see cref="InvitationKitOptions.SecretKey"/>), so a database dump does not tell who was throttled. It does
/// not grow without bound: at most once a minute per instance, the check first deletes the rows whose window has ended,
/// so the table holds the partitions active in the last window. Replacing the secret key starts every window afresh.
/// A database error is thrown, as the store's are: the operation it guards could not have been stored either.
/// </remarks>
internal sealed class EntityFrameworkCoreRateLimiter<TContext> : IInvitationRateLimiter
    where TContext : DbContext
{
    /// <summary>How often an instance deletes the rows whose window has ended.</summary>
    internal static readonly Duration CleanupInterval = Duration.FromMinutes(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly IClock _clock;
    private readonly InvitationRateLimitOptions _rules;
    private readonly byte[] _partitionKey;
    private long _nextCleanupTicks = long.MinValue;

    /// <summary>Reads the rules that are on, and derives the partitions' hash key, once.</summary>
    /// <param name="scopes">Makes a scope per check, for a context of the limiter's own.</param>
    /// <param name="options">The kit's options: the rules and the secret key.</param>
    /// <param name="clock">The kit's clock.</param>
    public EntityFrameworkCoreRateLimiter(IServiceScopeFactory scopes, IOptions<InvitationKitOptions> options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        (_scopes, _clock) = (scopes, clock);
        var kit = options.Value;
        _rules = kit.RateLimits;
        var secret = kit.SecretKey ?? throw new InvalidOperationException("InvitationKitOptions.SecretKey is required (the options' validation says so at start-up).");
        _partitionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: null, info: "InvitationKit rate limit partitions"u8.ToArray());
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> AcquireAsync(RateLimitedOperation operation, string partitionKey, int permits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        cancellationToken.ThrowIfCancellationRequested();
        var rule = _rules.RuleFor(operation);
        if (!rule.IsOn || permits == 0)
        {
            return RateLimitDecision.Granted;
        }

        if (permits > rule.PermitLimit)
        {
            return new RateLimitDecision(false); // never fits in a window, as in process
        }

        var now = _clock.GetCurrentInstant();
        await using var scope = _scopes.CreateAsyncScope();
        await using var context = EntityFrameworkCoreInvitationStore<TContext>.OwnContext(scope.ServiceProvider);
        if (CleanupDue(now))
        {
            var ended = new SqlBuilder();
            ended.Append($"DELETE FROM {Tables.RateLimits} WHERE window_end <= {ended.Value(now.ToUnixTimeTicks())}");
            await RawSql.ExecuteAsync(context, ended, cancellationToken).ConfigureAwait(false);
        }

        var sql = Take(operation, Hash(partitionKey), rule, permits, now);
        await using var reader = await RawSql.ExecuteReaderAsync(context, sql, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The rate limit upsert on {Tables.RateLimits} returned no row.");
        }

        var (granted, windowEnd) = (reader.DbDataReader.GetBoolean(0), Instant.FromUnixTimeTicks(reader.DbDataReader.GetInt64(1)));
        return granted ? RateLimitDecision.Granted : new RateLimitDecision(false, windowEnd - now);
    }

    /// <summary>
    /// The one statement of a check: inserts the partition's first window, or, in the row it finds, starts the next window
    /// when the current one has ended, adds the permits when they fit, and records whether it granted them. Every
    /// expression reads the row as it was (both databases evaluate an upsert's assignments on the old row), and the row
    /// is locked for the statement, so racing checks of one partition are counted one after the other. A window that
    /// ends after a full one from now (the clock went back) is cut to end a full window from now, its count kept.
    /// </summary>
    private static SqlBuilder Take(RateLimitedOperation operation, byte[] partition, RateLimitRule rule, int permits, Instant now)
    {
        var sql = new SqlBuilder();
        var (at, end) = (sql.Value(now.ToUnixTimeTicks()), sql.Value((now + rule.Window).ToUnixTimeTicks()));
        var (count, limit) = (sql.Value(permits), sql.Value(rule.PermitLimit));
        var fits = $"(r.window_end <= {at} OR r.used + {count} <= {limit})";
        return sql.Append(
            $"INSERT INTO {Tables.RateLimits} AS r (operation, partition_hash, window_end, used, granted) "
            + $"VALUES ({sql.Value((int)operation)}, {sql.Value(partition)}, {end}, {count}, TRUE) "
            + "ON CONFLICT (operation, partition_hash) DO UPDATE SET "
            + $"window_end = CASE WHEN r.window_end <= {at} OR r.window_end > {end} THEN {end} ELSE r.window_end END, "
            + $"used = CASE WHEN r.window_end <= {at} THEN {count} WHEN r.used + {count} <= {limit} THEN r.used + {count} ELSE r.used END, "
            + $"granted = {fits} "
            + "RETURNING granted, window_end");
    }

    private byte[] Hash(string partitionKey) => HMACSHA256.HashData(_partitionKey, Encoding.UTF8.GetBytes(partitionKey));

    /// <summary>Whether this check deletes the ended rows first: once per <see cref="CleanupInterval"/> per instance, by one caller.</summary>
    private bool CleanupDue(Instant now)
    {
        var next = Interlocked.Read(ref _nextCleanupTicks);
        return now.ToUnixTimeTicks() >= next
            && Interlocked.CompareExchange(ref _nextCleanupTicks, (now + CleanupInterval).ToUnixTimeTicks(), next) == next;
    }
}
