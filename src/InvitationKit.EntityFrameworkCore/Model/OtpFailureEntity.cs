namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>The one-time-password failure budget of one email key (<see cref="InvitationKit.Ports.OtpFailureCount"/>).</summary>
internal sealed class OtpFailureEntity
{
    public string EmailKey { get; set; } = string.Empty;

    public long WindowStart { get; set; }

    public int InWindow { get; set; }

    public int Total { get; set; }
}
