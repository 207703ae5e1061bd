namespace InvitationKit;

/// <summary>
/// A page of an account's invitations, optionally filtered by effective status, delivery state, the start of the address
/// and the inviter (rule 15).
/// </summary>
/// <param name="AccountId">The account.</param>
/// <param name="Status">Only invitations with this effective status; null for all.</param>
/// <param name="Offset">How many matching invitations to skip (newest first).</param>
/// <param name="Limit">The page size, 1..<see cref="InvitationKitOptions.MaxPageSize"/>.</param>
/// <param name="Delivery">Only invitations in this delivery state (for example <see cref="DeliveryState.Failed"/>, to find undelivered ones); null for all.</param>
/// <param name="ContinuationToken">
/// The <see cref="Page{T}.ContinuationToken"/> of the previous page: lists the invitations after it (keyset paging: the
/// same cost at any depth, nothing skipped or repeated when invitations are created meanwhile). <paramref name="Offset"/>
/// must then be 0. Null starts at <paramref name="Offset"/>.
/// </param>
/// <param name="IncludeTotal">
/// Whether to answer the total of matching invitations (<see cref="Page{T}.TotalCount"/>), always exact. Filtered by
/// account and <paramref name="Status"/> only, the shipped stores read it from counts they keep per account and status,
/// at the same cost at any size of the account. With <paramref name="EmailPrefix"/> or <paramref name="InvitedBy"/> they
/// count the matches, a pass over them (on the EF Core store a range of the search's index); with
/// <paramref name="Delivery"/>, a pass over the account's invitations of that status (or all of them). Leave it off when
/// that may be many.
/// </param>
/// <param name="EmailPrefix">
/// Only invitations whose address starts with this text, case-insensitively (as <see cref="EmailAddress.Key"/> compares
/// addresses: <c>bob</c>, <c>Bob@Ex</c> and <c>bob@example.com</c> all find <c>bob@example.com</c>); null for all.
/// At most 254 characters, no white space or control characters inside.
/// </param>
/// <param name="InvitedBy">Only invitations sent by this user id (<see cref="Invitation.InvitedBy"/>); null for all.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record InvitationQuery(
    string AccountId,
    InvitationStatus? Status = null,
    int Offset = 0,
    int Limit = 50,
    DeliveryState? Delivery = null,
    string? ContinuationToken = null,
    bool IncludeTotal = true,
    string? EmailPrefix = null,
    string? InvitedBy = null);
