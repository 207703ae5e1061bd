namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>The one-time-password failure budget of one email key (<see cref="InvitationKit.Ports.OtpFailureCount"/>).</summary>
internal sealed class OtpFailureEntity
{
    public string EmailKey { get; set; } = string.Empty;

    public long WindowStart { get; set; }

    public int InWindow { get; set; }

    public int Total { get; set; }

    /// <summary>The last reserved attempt still counted (<see cref="InvitationKit.Ports.OtpFailureCount.LastAttempt"/>); null once released.</summary>
    public byte[]? LastAttempt { get; set; }
}
