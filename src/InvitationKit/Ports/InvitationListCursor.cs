using System.Buffers.Binary;
using System.Buffers.Text;
using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// Where a keyset page of invitations ends: the creation time and id of its last invitation, in the listing's order
/// (newest first, then by id descending). <see cref="Page{T}.ContinuationToken"/> carries it, encoded; a store reads it
/// back from <see cref="InvitationQuery.ContinuationToken"/> and lists the invitations after it, so a page costs the same
/// however deep it is and no invitation is skipped or repeated when others are created meanwhile.
/// </summary>
/// <param name="CreatedAt">The last listed invitation's creation time.</param>
/// <param name="Id">The last listed invitation's id.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public readonly record struct InvitationListCursor(Instant CreatedAt, Guid Id)
{
    private const string Prefix = "i1.";
    private const int Bytes = 24;
    private static readonly long MinTicks = Instant.MinValue.ToUnixTimeTicks();
    private static readonly long MaxTicks = Instant.MaxValue.ToUnixTimeTicks();

    /// <summary>The cursor after an invitation.</summary>
    /// <param name="last">The last invitation of a page.</param>
    /// <returns>The cursor.</returns>
    public static InvitationListCursor After(Invitation last)
    {
        ArgumentNullException.ThrowIfNull(last);
        return new(last.CreatedAt, last.Id);
    }

    /// <summary>
    /// The page a store answers <see cref="IInvitationStore.ListAsync"/> with, from what it read: up to
    /// <c>query.Limit + 1</c> invitations in the listing's order, the one beyond the page telling that more follow (then
    /// the page carries the token after its last invitation). A page after a token starts at offset 0.
    /// </summary>
    /// <param name="query">The query listed.</param>
    /// <param name="read">The invitations read, in the listing's order; at most one more than the page.</param>
    /// <param name="totalCount">The matching invitations' count, or null when the query did not ask for it.</param>
    /// <returns>The page.</returns>
    public static Page<Invitation> PageOf(InvitationQuery query, IReadOnlyList<Invitation> read, int? totalCount)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(read);
        var more = read.Count > query.Limit;
        Invitation[] items = [.. read.Take(query.Limit)];
        return new Page<Invitation>(items, totalCount, query.ContinuationToken is null ? query.Offset : 0)
        {
            ContinuationToken = more ? After(items[^1]).Encode() : null,
            HasMore = more,
        };
    }

    /// <summary>Reads a continuation token.</summary>
    /// <param name="token">The token, as a page issued it.</param>
    /// <param name="cursor">The cursor, when the token is one.</param>
    /// <returns>Whether the token is a well-formed cursor; false, never an exception, for any other string.</returns>
    public static bool TryDecode(string? token, out InvitationListCursor cursor)
    {
        cursor = default;
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 64)
        {
            return false;
        }

        // Exactly the characters the kit writes (base64url ignores white space, which would make two tokens of one cursor).
        var encoded = token.AsSpan(Prefix.Length);
        Span<byte> bytes = stackalloc byte[Bytes];
        if (encoded.Length != Base64Url.GetEncodedLength(Bytes) || !Base64Url.IsValid(encoded, out var length) || length != Bytes
            || !Base64Url.TryDecodeFromChars(encoded, bytes, out var written) || written != Bytes)
        {
            return false;
        }

        // A forged token may carry any 64 bits: a time outside NodaTime's range is malformed, never an exception.
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < MinTicks || ticks > MaxTicks)
        {
            return false;
        }

        cursor = new(Instant.FromUnixTimeTicks(ticks), new Guid(bytes[8..], bigEndian: true));
        return true;
    }

    /// <summary>The continuation token of this cursor: opaque to clients, stable across versions of the kit.</summary>
    /// <returns>The token.</returns>
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Bytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, CreatedAt.ToUnixTimeTicks());
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Prefix + Base64Url.EncodeToString(bytes);
    }
}
