using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using Microsoft.EntityFrameworkCore;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>Email domain policies, and joins through a verified domain under the account's lock (as an import's).</summary>
internal sealed partial class EntityFrameworkCoreInvitationStore<TContext> : IEmailDomainStore
{
    private const int VerifiedKind = (int)EmailDomainKind.Verified;

    private DbSet<EmailDomainEntity> EmailDomains => _context.Set<EmailDomainEntity>();

    public async Task<IReadOnlyList<EmailDomain>> GetEmailDomainsAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await EmailDomains.AsNoTracking().Where(d => d.AccountId == accountId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ToEmailDomains(rows);
    }

    /// <summary>The membership and, in the same command, the account's domains, which the database reads only for a member.</summary>
    public Task<MemberRead<IReadOnlyList<EmailDomain>>> FindMemberAndEmailDomainsAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(userId);
        var batch = new SqlBuilder();
        var account = batch.Value(accountId);
        var member = MemberStatement(batch, account, userId);
        batch.Statement($"SELECT {EntityColumns<EmailDomainEntity>.SelectList(_context.Model)} FROM {Tables.EmailDomains} WHERE account_id = {account} AND EXISTS (SELECT 1 FROM {Tables.Members} WHERE {member})");
        return FindMemberAndReadAsync<IReadOnlyList<EmailDomain>>(
            batch,
            async reader => ToEmailDomains(await EntityRows.ReadAsync<EmailDomainEntity>(_context, reader.DbDataReader, cancellationToken).ConfigureAwait(false)),
            [],
            cancellationToken);
    }

    private static IReadOnlyList<EmailDomain> ToEmailDomains(List<EmailDomainEntity> rows) =>
        [.. rows.OrderBy(d => d.Domain, StringComparer.Ordinal).Select(d => new EmailDomain(d.Domain, (EmailDomainKind)d.Kind))];

    public Task SetEmailDomainsAsync(string accountId, IReadOnlyList<EmailDomain> domains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(domains);

        // Under the account's lock, so that two replacements at once apply one after the other.
        return InTransactionAsync(async () =>
        {
            await _dialect.LockAccountAsync(_context, accountId, cancellationToken).ConfigureAwait(false);
            await EmailDomains.Where(d => d.AccountId == accountId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            EmailDomains.AddRange(domains.Select(d => new EmailDomainEntity { AccountId = accountId, Domain = d.Domain, Kind = (int)d.Kind }));
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (true, true);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindAccountsByVerifiedDomainAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var accounts = await EmailDomains.AsNoTracking()
            .Where(d => d.Domain == domain && d.Kind == VerifiedKind)
            .Select(d => d.AccountId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. accounts.Order(StringComparer.Ordinal)];
    }

    public Task<DomainJoinResult> JoinAsync(DomainJoin join, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(join);
        var member = join.Member;
        return InTransactionAsync(async () =>
        {
            await _dialect.LockAccountAsync(_context, member.AccountId, cancellationToken).ConfigureAwait(false);
            var occupied = await CountOccupiedAsync(member.AccountId, ToTicks(join.Now), cancellationToken).ConfigureAwait(false);
            if (await Members.AnyAsync(m => m.AccountId == member.AccountId && m.UserId == member.UserId, cancellationToken).ConfigureAwait(false))
            {
                return (new DomainJoinResult(DomainJoinStatus.AlreadyMember, occupied), false);
            }

            if (occupied + 1 > join.UserLimit)
            {
                return (new DomainJoinResult(DomainJoinStatus.SeatsExhausted, occupied), false);
            }

            var superseded = join.MakeActiveForProduct
                ? await MakeActiveAsync(member.UserId, join.ProductId, member.AccountId, cancellationToken).ConfigureAwait(false)
                : null;
            if (join.MakeActiveForProduct)
            {
                ActiveAccounts.Update(new ActiveAccountEntity { UserId = member.UserId, ProductId = join.ProductId, AccountId = member.AccountId });
            }

            Members.Add(ToEntity(member));
            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (new DomainJoinResult(DomainJoinStatus.Joined, occupied, superseded), true);
        }, cancellationToken);
    }
}
