namespace InvitationKit;

/// <summary>One page of results.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="TotalCount">How many items match in all.</param>
/// <param name="Offset">The offset this page starts at.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int Offset)
{
    /// <summary>Whether more items follow this page.</summary>
    public bool HasMore => Offset + Items.Count < TotalCount;
}
