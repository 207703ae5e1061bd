namespace InvitationKit.Ports;

/// <summary>
/// A user's membership of an account, read together with a read of that account that the membership authorizes (one
/// round trip on a database): see <see cref="ICombinedStoreOperations.FindMemberAndCountOccupiedSeatsAsync"/> and
/// <see cref="ICombinedStoreOperations.FindMemberAndListAsync"/>.
/// </summary>
/// <typeparam name="T">What was read with the membership.</typeparam>
/// <param name="Member">The membership, or null when the user is no member of the account.</param>
/// <param name="Value">What was read; when <paramref name="Member"/> is null it is not read and is the type's default.</param>
/// <threadsafety>This type is immutable when <typeparamref name="T"/> is.</threadsafety>
public sealed record MemberRead<T>(Member? Member, T Value);
