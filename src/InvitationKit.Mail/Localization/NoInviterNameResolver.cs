using InvitationKit.Ports;

namespace InvitationKit.Mail;

/// <summary>Names nobody: the kit knows the inviter only by user id, which a mail never shows.</summary>
internal sealed class NoInviterNameResolver : IInviterNameResolver
{
    public ValueTask<string?> ResolveAsync(InvitationMessage message, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
