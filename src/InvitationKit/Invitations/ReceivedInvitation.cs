namespace InvitationKit;

/// <summary>
/// A pending invitation addressed to the signed-in user, as their inbox lists it
/// (<see cref="IInvitationManager.ListReceivedInvitationsAsync"/>): what its landing page would show, who sent it, and
/// the id to accept or decline it by.
/// </summary>
/// <param name="Id">The invitation's id, for <see cref="IInvitationManager.AcceptReceivedInvitationAsync"/> and <see cref="IInvitationManager.RejectReceivedInvitationAsync"/>.</param>
/// <param name="Preview">The account, product, roles, owner flag and expiry.</param>
/// <param name="InvitedBy">The user id of whoever sent it.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record ReceivedInvitation(Guid Id, InvitationPreview Preview, string InvitedBy);
