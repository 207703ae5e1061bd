namespace InvitationKit;

/// <summary>One page of results.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="TotalCount">How many items match in all; null when the query did not ask (<see cref="InvitationQuery.IncludeTotal"/>).</param>
/// <param name="Offset">The offset this page starts at (0 for a page after a continuation token).</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record Page<T>(IReadOnlyList<T> Items, int? TotalCount, int Offset)
{
    /// <summary>
    /// The token of the next page, when more items follow and the listing supports keyset paging (invitations do):
    /// pass it as <see cref="InvitationQuery.ContinuationToken"/>. Null on the last page.
    /// </summary>
    public string? ContinuationToken { get; init; }

    /// <summary>
    /// Whether more items follow this page. By default from the total; a keyset listing sets it from whether it found
    /// more (a page after a continuation token has no offset to count from).
    /// </summary>
    public bool HasMore { get; init; } = TotalCount is { } total && Offset + Items.Count < total;
}
