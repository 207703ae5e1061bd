namespace InvitationKit;

/// <summary>How an invite treats its recipients (rule 4).</summary>
public enum InviteMode
{
    /// <summary>Each recipient is invited as an existing user when one has the address, else as a new user.</summary>
    Auto = 0,

    /// <summary>Every address must belong to a registered user, else <see cref="InvitationErrorCode.UserNotRegistered"/>.</summary>
    ExistingUser = 1,

    /// <summary>No address may belong to a registered user, else <see cref="InvitationErrorCode.UserAlreadyExists"/>.</summary>
    NewUser = 2,
}
