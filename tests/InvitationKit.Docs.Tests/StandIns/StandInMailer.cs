using InvitationKit.Ports;

namespace InvitationKit.Docs.Tests.StandIns;

/// <summary>The reader's mailer in the docs' snippets. Snippets are compiled, never run: every member throws.</summary>
public class StandInMailer : IInvitationMailer
{
    public Task SendAsync(InvitationMessage message, CancellationToken cancellationToken) => throw StandInStore.Unused();
}
