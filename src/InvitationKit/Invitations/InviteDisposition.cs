namespace InvitationKit;

/// <summary>What an invite did with one of its recipients (<see cref="InviteOutcome.Dispositions"/>).</summary>
public enum InviteDisposition
{
    /// <summary>A new invitation was created; it took a seat.</summary>
    Created = 0,

    /// <summary>The address's pending invitation was resent (<see cref="PendingInvitationChoice.Resend"/>); no seat was taken.</summary>
    Resent = 1,

    /// <summary>The address's pending invitation was replaced with the request's (<see cref="PendingInvitationChoice.Replace"/>); no seat was taken.</summary>
    Replaced = 2,
}
