namespace InvitationKit.Ports;

/// <summary>The outcome of <see cref="IMemberStore.RemoveMemberAsync"/>.</summary>
public enum MemberRemovalStatus
{
    /// <summary>The membership was removed.</summary>
    Removed = 0,

    /// <summary>The user was not a member.</summary>
    NotFound = 1,

    /// <summary>Nothing changed: the member is the account's last owner.</summary>
    LastOwner = 2,
}
