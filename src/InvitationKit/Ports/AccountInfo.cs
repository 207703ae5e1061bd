namespace InvitationKit.Ports;

/// <summary>An account as the account directory reports it, with its per-account policy overrides.</summary>
/// <param name="Id">The account id.</param>
/// <param name="Name">The account's name, as mails show it.</param>
/// <param name="UserLimit">Overrides <see cref="InvitationKitOptions.DefaultUserLimit"/> for this account; null keeps the default.</param>
/// <param name="OnlyRegisteredUsers">Overrides <see cref="InvitationKitOptions.OnlyRegisteredUsers"/> for this account; null keeps the default.</param>
/// <param name="IsDisabled">
/// Whether the host disabled the account (suspended the tenant): every operation on it is refused with
/// <see cref="InvitationErrorCode.AccountDisabled"/>, and its invitations are neither mailed nor accepted until it is
/// enabled again (docs/rules.md, rule 19).
/// </param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record AccountInfo(string Id, string Name, int? UserLimit = null, bool? OnlyRegisteredUsers = null, bool IsDisabled = false);
