using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Every store role (<see cref="IInvitationStore"/>, <see cref="IMemberStore"/>, <see cref="IOtpBudgetStore"/>,
/// <see cref="IInvitationOutbox"/>, <see cref="IInvitationMaintenanceStore"/>) and the combined operations
/// (<see cref="ICombinedStoreOperations"/>) over EF Core on SQLite or PostgreSQL, one partial file per concern. See <see cref="DatabaseDialect"/> for how each
/// "check, then write" is made atomic across processes. The store owns its transactions and leaves the context's change
/// tracker empty after every call. Registered through DI it works on a context instance of its own, never the host's
/// scoped one, so the host's tracked but unsaved changes are never saved, cleared or rolled back by it.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <c>ApplyInvitationKitModel()</c>.</typeparam>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext>
    : IInvitationStore, IMemberStore, IOtpBudgetStore, IInvitationOutbox, IInvitationMaintenanceStore, ICombinedStoreOperations, IAsyncDisposable, IDisposable
    where TContext : DbContext
{
    private const int Pending = (int)InvitationStatus.Pending;
    private const int Expired = (int)InvitationStatus.Expired;

    /// <summary>
    /// Builds a context through DI. <see cref="ActivatorUtilities.CreateInstance{T}(IServiceProvider, object[])"/> looks
    /// the constructor up on every call (about 60 µs a request); a context with one public constructor gets a compiled
    /// factory, made once. With several, a factory could not choose as CreateInstance does, so CreateInstance stays.
    /// </summary>
    private static readonly Lazy<ObjectFactory<TContext>> ContextFactory = new(() => typeof(TContext).GetConstructors().Length == 1
        ? ActivatorUtilities.CreateFactory<TContext>(Type.EmptyTypes)
        : (provider, _) => ActivatorUtilities.CreateInstance<TContext>(provider));

    private readonly TContext _context;
    private readonly DatabaseDialect _dialect;

    private readonly bool _ownsContext;
    private bool _opened;

    // The invitations this store instance read, as read: an update of one of them writes only the columns that changed.
    private readonly Dictionary<Guid, Invitation> _read = [];

    public EntityFrameworkCoreInvitationStore(TContext context, bool ownsContext = false)
    {
        _context = context;
        _ownsContext = ownsContext;
        _dialect = DatabaseDialect.For(context);
    }

    /// <summary>The store DI gives a scope: on a context of its own, from the host's factory if it registered one.</summary>
    public static EntityFrameworkCoreInvitationStore<TContext> OnOwnContext(IServiceProvider services) => new(OwnContext(services), ownsContext: true);

    /// <summary>A context of the kit's own, never the scope's instance the host uses: from the host's factory if it registered one.</summary>
    public static TContext OwnContext(IServiceProvider services) =>
        services.GetService<IDbContextFactory<TContext>>()?.CreateDbContext() ?? ContextFactory.Value(services, null);

    public ValueTask DisposeAsync() => _ownsContext ? _context.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose()
    {
        if (_ownsContext)
        {
            _context.Dispose();
        }
    }

    private DbSet<InvitationEntity> Invitations => _context.Set<InvitationEntity>();

    private DbSet<MemberEntity> Members => _context.Set<MemberEntity>();

    private DbSet<ActiveAccountEntity> ActiveAccounts => _context.Set<ActiveAccountEntity>();

    private DbSet<OtpFailureEntity> OtpFailures => _context.Set<OtpFailureEntity>();

    private DbSet<IdempotentInviteEntity> IdempotentInvites => _context.Set<IdempotentInviteEntity>();

    public Task<BatchInsertResult> InsertBatchAsync(InvitationBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return InTransactionAsync(async () =>
        {
            // Reissues first: a revoke or expiry locks its invitation's row and then (its seat trigger) the account's lock
            // row, so the batch takes the rows in the same order — invitations by id, then the account — or the two deadlock.
            if (!await TryReissueAsync(batch.Reissued, cancellationToken).ConfigureAwait(false))
            {
                return (BatchInsertResult.Conflict, false);
            }

            var now = ToTicks(batch.Now);
            var check = await BatchCheck.RunAsync(_context, batch, now, cancellationToken).ConfigureAwait(false);
            if (check.KeyUsed)
            {
                return (BatchInsertResult.IdempotencyKeyUsed, false);
            }

            var result = BatchInsertResult.Decide(batch, check.OccupiedSeats, check.PendingKeys, check.MemberUserIds);
            if (result.Status != BatchInsertStatus.Inserted)
            {
                return (result, false);
            }

            if (check.OverdueKeys.Count > 0)
            {
                // Overdue invitations for these addresses are already expired in effect; persisting that keeps the
                // one-pending unique index true.
                var overdue = check.OverdueKeys.ToArray();
                await Invitations.Where(i => i.AccountId == batch.AccountId && i.Status == Pending && i.ExpiresAt <= now && overdue.Contains(i.EmailKey)).ExecuteUpdateAsync(
                    s => s.SetProperty(i => i.Status, Expired).SetProperty(i => i.ResolvedAt, now).SetProperty(i => i.Revision, i => i.Revision + 1),
                    cancellationToken).ConfigureAwait(false);
            }

            if (batch.IdempotencyKey is { } key && !await RecordIdempotencyKeyAsync(batch, key, now, cancellationToken).ConfigureAwait(false))
            {
                return (BatchInsertResult.IdempotencyKeyUsed, false);
            }

            if (batch.Invitations.Count > 0)
            {
                await InvitationInsert.InsertAsync(_context, _dialect, [.. batch.Invitations.Select(ToEntity)], cancellationToken).ConfigureAwait(false);
            }

            return (result, true);
        }, cancellationToken);
    }

    public async Task DeleteNewAsync(IReadOnlyCollection<Guid> invitationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitationIds);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = invitationIds.ToArray();
        await Invitations.Where(i => ids.Contains(i.Id) && i.Revision == 1).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await IdempotentInvites.Where(k => ids.Contains(k.FirstInvitationId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Invitation?> FindByIdAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var entity = await Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Remember(entity);
    }

    public async Task<Invitation?> FindBySecretHashAsync(SecretHash secretHash, CancellationToken cancellationToken)
    {
        // An accept's and a preview's first read: a raw command read by the model's compiled setters (EntityRows), without
        // the LINQ pipeline's fixed cost per query.
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = new SqlBuilder();
        sql.Append($"SELECT {EntityColumns<InvitationEntity>.SelectList(_context.Model)} FROM {Tables.Invitations} WHERE secret_hash = {sql.Value(secretHash.ToArray())} LIMIT 1");
        await using var reader = await RawSql.ExecuteReaderAsync(_context, sql, cancellationToken).ConfigureAwait(false);
        var found = await EntityRows.ReadAsync<InvitationEntity>(_context, reader.DbDataReader, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : Remember(found[0]);
    }

    public async Task<IReadOnlyList<Invitation>> FindPendingByEmailAsync(string emailKey, string? accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var query = Invitations.AsNoTracking().Where(i => i.EmailKey == emailKey && i.Status == Pending);
        if (accountId is not null)
        {
            query = query.Where(i => i.AccountId == accountId);
        }

        var entities = await query.OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        return entities.Select(Remember).ToArray();
    }

    public async Task<Invitation?> TryUpdateAsync(Invitation changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        _context.ChangeTracker.Clear();
        try
        {
            var stored = Replace(changed);
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            _read[stored.Id] = stored;
            return stored;
        }
        catch (DbUpdateConcurrencyException)
        {
            _read.Remove(changed.Id);
            return null;
        }
        finally
        {
            _context.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Stages the compare-and-swap of an invitation changed at the revision it was read at, advancing the revision; returns
    /// the state it stores. When this instance read the revision being replaced, only the columns that changed are
    /// written (a revoke sets status, resolution time and revision); otherwise the whole row.
    /// </summary>
    private Invitation Replace(Invitation changed)
    {
        var expectedRevision = changed.Revision;
        var stored = changed with { Revision = expectedRevision + 1 };
        if (_read.TryGetValue(changed.Id, out var before) && before.Revision == expectedRevision)
        {
            var known = Invitations.Attach(ToEntity(before));
            known.CurrentValues.SetValues(ToEntity(stored));
        }
        else
        {
            var entry = Invitations.Attach(ToEntity(stored));
            entry.State = EntityState.Modified;
            entry.Property(i => i.Revision).OriginalValue = expectedRevision;
        }

        return stored;
    }

    /// <summary>
    /// A batch's reissued invitations, each a compare-and-swap as <see cref="TryUpdateAsync"/> makes it, in the batch's
    /// transaction; false when any revision moved on (the caller rolls the whole batch back).
    /// </summary>
    private async Task<bool> TryReissueAsync(IReadOnlyList<Invitation> reissued, CancellationToken cancellationToken)
    {
        if (reissued.Count == 0)
        {
            return true;
        }

        foreach (var changed in reissued.OrderBy(i => i.Id))
        {
            Replace(changed);
            _read.Remove(changed.Id); // the transaction may still roll back: a later update writes the whole row
        }

        try
        {
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        finally
        {
            _context.ChangeTracker.Clear();
        }
    }

    private Invitation Remember(InvitationEntity entity)
    {
        var invitation = ToInvitation(entity);
        _read[invitation.Id] = invitation;
        return invitation;
    }

    /// <summary>
    /// On a context of its own, the store opens the connection once and keeps it for the scope: one connection serves an
    /// operation, however many store calls it makes (EF Core would open and close one per command). A host's context is
    /// left to the host's connection handling.
    /// </summary>
    private async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_ownsContext && !_opened)
        {
            await _context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            _opened = true;
        }
    }

    /// <summary>Runs <paramref name="body"/> in a transaction it commits only when asked to, under the provider's execution strategy.</summary>
    private Task<T> InTransactionAsync<T>(Func<Task<(T Result, bool Commit)>> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await OpenAsync(cancellationToken).ConfigureAwait(false);
            _context.ChangeTracker.Clear();
            try
            {
                await using var transaction = await _context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var (result, commit) = await body().ConfigureAwait(false);
                if (commit)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
            finally
            {
                _context.ChangeTracker.Clear();
            }
        });
    }
}
