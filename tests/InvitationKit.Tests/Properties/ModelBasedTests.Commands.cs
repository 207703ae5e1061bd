namespace InvitationKit.Tests.Properties;

/// <summary>The model-based test's commands.</summary>
public sealed partial class ModelBasedTests
{
    private abstract record Command;

    private sealed record HostInvite(string[] Addresses) : Command
    {
        public override string ToString() => $"HostInvite({string.Join(", ", Addresses)})";
    }

    private sealed record Invite(string[] Addresses, PendingInvitationChoice WhenPending, Duration? Lifetime, InvitationModel.RequestedOptions? Options) : Command
    {
        public override string ToString() => $"Invite({string.Join(", ", Addresses)}; {WhenPending}; {Lifetime?.ToString() ?? "default lifetime"}; {Options?.ToString() ?? "no options"})";
    }

    private sealed record CheckInvite(string[] Addresses, PendingInvitationChoice WhenPending) : Command
    {
        public override string ToString() => $"CheckInvite({string.Join(", ", Addresses)}; {WhenPending})";
    }

    private sealed record Accept(string Address, bool ById) : Command;

    private sealed record Activate(string Address, bool RightCode, bool FromLink) : Command;

    private sealed record Reject(string Address, bool ById) : Command;

    private sealed record Revoke(string Address) : Command;

    private sealed record RequestNewInvitation(string Address) : Command;

    private sealed record Dispatch : Command;

    private sealed record Resend(string Address) : Command;

    private sealed record RemoveMember(string Address) : Command;

    /// <summary>The address's user leaves the account; null is the founding owner, the account's only owner.</summary>
    private sealed record Leave(string? Address) : Command;

    /// <summary>A system admin replaces the account's email domains (rule 20).</summary>
    private sealed record SetDomains(EmailDomain[] Domains) : Command
    {
        public override string ToString() => $"SetDomains({string.Join(", ", Domains.Select(d => $"{d.Domain} {d.Kind}"))})";
    }

    /// <summary>The address's user, signed in with it verified, joins the account through a verified domain.</summary>
    private sealed record Join(string Address) : Command;

    private sealed record Advance(int Hours) : Command;

    private sealed record ExpireOverdue : Command;

    /// <summary>The host disables (or enables again) the account.</summary>
    private sealed record SetAccountDisabled(bool Disabled) : Command;

    private sealed record Search(string Prefix, InvitationStatus? Status) : Command;

    /// <summary>
    /// A signed-in user lists their inbox (rule 21): the address's own user, a stranger (who also tries to accept the
    /// address's invitation by its id), or someone claiming the address unverified.
    /// </summary>
    private sealed record Inbox(string Address, Viewer As) : Command;

    /// <summary>The owner's view and the link's preview of the address's pending invitation (rule 25's options).</summary>
    private sealed record Inspect(string Address) : Command;

    private enum Viewer
    {
        Own,
        Stranger,
        Unverified,
    }
}
