using System.Globalization;
using System.Text;
using InvitationKit.EntityFrameworkCore.Model;
using InvitationKit.Ports;
using static InvitationKit.EntityFrameworkCore.Model.EntityMapping;

namespace InvitationKit.EntityFrameworkCore.Stores;

/// <summary>
/// The SQL of a list page, written once for both databases and for both ways the store sends it (alone, or after the
/// asker's membership in one command): the total when asked for (from the kept counts of <see cref="InvitationCounts"/>
/// when the query filters by account and status only), then one row more than the page, newest first, read
/// from the listing indexes <c>(account_id, created_at, id)</c> and <c>(account_id, status, created_at, id)</c>
/// (schema V004), or, when searching, <c>(account_id, email_key)</c> and <c>(account_id, invited_by, created_at, id)</c>
/// (schema V010). Values travel as parameters; statuses and delivery states are inlined as numbers, so the planner
/// sees the predicates of the partial pending index.
/// </summary>
internal static class InvitationListing
{
    /// <summary>
    /// Appends the page's statements to <paramref name="batch"/>: the total when the query asks for it, then the rows.
    /// The rows select <paramref name="selectList"/> (<see cref="EntityColumns{TEntity}.SelectList"/>, read by
    /// <see cref="EntityRows"/>). <paramref name="guard"/>, when given, is a condition every statement also requires.
    /// </summary>
    public static void AppendPage(SqlBuilder batch, InvitationQuery query, long now, DatabaseDialect dialect, string selectList, string? guard = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var account = batch.Value(query.AccountId);
        string? nowValue = null;
        string At() => nowValue ??= batch.Value(now);
        var filter = "account_id = " + account + query.Status switch
        {
            null => string.Empty,
            InvitationStatus.Pending => " AND status = 0 AND expires_at > " + At(),
            InvitationStatus.Expired => $" AND (status = {Number(InvitationStatus.Expired)} OR (status = 0 AND expires_at <= {At()}))",
            { } status => " AND status = " + Number(status),
        };
        if (query.Delivery is { } delivery)
        {
            filter += " AND delivery = " + Number(delivery);
        }

        if (query.EmailPrefix is { } prefix)
        {
            // A range of the (account_id, email_key) index in code point order, which is how keys compare in C#.
            var key = "email_key" + dialect.CodePointCollation;
            filter += $" AND {key} >= {batch.Value(prefix)}" + (PrefixEnd(prefix) is { } end
                ? $" AND {key} < {batch.Value(end)}"
                : $" AND substr(email_key, 1, {batch.Value(prefix.EnumerateRunes().Count())}) = {batch.Value(prefix)}");
        }

        if (query.InvitedBy is { } inviter)
        {
            filter += " AND invited_by = " + batch.Value(inviter);
        }

        if (guard is not null)
        {
            filter += " AND " + guard;
        }

        if (query.IncludeTotal)
        {
            // By account and status, the kept counts (schema V014); a search counts its matches, a range of its index.
            batch.Statement(query.Delivery is null && query.EmailPrefix is null && query.InvitedBy is null
                ? "SELECT " + InvitationCounts.Total(account, query.Status, At, guard)
                : $"SELECT COUNT(*) FROM {Tables.Invitations} WHERE {filter}");
        }

        var page = filter;
        var keyset = InvitationListCursor.TryDecode(query.ContinuationToken, out var cursor);
        if (keyset)
        {
            // created_at <= @c is the range the listing index seeks to, at any depth; the rest only drops the cursor's
            // own ties up to its id.
            var (createdAt, id) = (batch.Value(ToTicks(cursor.CreatedAt)), batch.Value(dialect.GuidParameter(cursor.Id)));
            page += $" AND created_at <= {createdAt} AND (created_at < {createdAt} OR id < {id})";
        }

        // One row more than the page says whether another page follows, without counting.
        page += " ORDER BY created_at DESC, id DESC LIMIT " + batch.Value(query.Limit + 1);
        if (!keyset && query.Offset > 0)
        {
            page += " OFFSET " + batch.Value(query.Offset);
        }

        batch.Statement($"SELECT {selectList} FROM {Tables.Invitations} WHERE {page}");
    }

    /// <summary>The least string, in code point order, greater than every string that starts with <paramref name="prefix"/>; null when none is (it ends in U+10FFFF).</summary>
    private static string? PrefixEnd(string prefix)
    {
        Rune.DecodeLastFromUtf16(prefix, out var last, out var length);
        return last.Value switch
        {
            0x10FFFF => null,
            0xD7FF => string.Concat(prefix.AsSpan(0, prefix.Length - length), "\uE000"), // the surrogates are no code points
            var value => string.Concat(prefix.AsSpan(0, prefix.Length - length), new Rune(value + 1).ToString()),
        };
    }

    private static string Number<TEnum>(TEnum value)
        where TEnum : struct, Enum => Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
