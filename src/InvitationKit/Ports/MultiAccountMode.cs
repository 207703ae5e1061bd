namespace InvitationKit.Ports;

/// <summary>How a product supports users in several accounts.</summary>
public enum MultiAccountMode
{
    /// <summary>A user may belong to and work in many accounts.</summary>
    Shared = 0,

    /// <summary>Users work only in the account they own; nobody can be invited (<see cref="InvitationErrorCode.ProductIsSingleAccount"/>).</summary>
    SingleAccount = 1,

    /// <summary>A user works in one account at a time: accepting makes the new account the active one and the host is told which was superseded.</summary>
    LatestAccountOnly = 2,
}
