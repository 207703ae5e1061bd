namespace InvitationKit.Ports;

/// <summary>What a <see cref="IEmailDomainStore.JoinAsync"/> did.</summary>
public enum DomainJoinStatus
{
    /// <summary>The membership was added.</summary>
    Joined = 0,

    /// <summary>The user is a member already; nothing changed.</summary>
    AlreadyMember = 1,

    /// <summary>Every seat is taken; nothing changed.</summary>
    SeatsExhausted = 2,
}
