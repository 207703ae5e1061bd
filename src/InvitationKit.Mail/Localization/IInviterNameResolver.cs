using InvitationKit.Ports;

namespace InvitationKit.Mail;

/// <summary>
/// Names the person who sent an invitation, as the mail shows them ("Olivia Owner invited you to …").
/// <see cref="InvitationMessage.InvitedBy"/> is a user id, which a mail never shows: the default names nobody, and the
/// mail says "You are invited to …". Register your own to look the inviter up in your user store.
/// </summary>
public interface IInviterNameResolver
{
    /// <summary>Names the inviter of one mail.</summary>
    /// <param name="message">The mail's invitation; <see cref="InvitationMessage.InvitedBy"/> is the inviter's user id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The inviter's display name, or null to name nobody.</returns>
    ValueTask<string?> ResolveAsync(InvitationMessage message, CancellationToken cancellationToken);
}
