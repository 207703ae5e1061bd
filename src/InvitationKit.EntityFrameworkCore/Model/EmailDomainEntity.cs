namespace InvitationKit.EntityFrameworkCore.Model;

/// <summary>One domain of an account's email domain policy (<see cref="InvitationKit.Ports.EmailDomain"/>).</summary>
internal sealed class EmailDomainEntity
{
    public string AccountId { get; set; } = string.Empty;

    /// <summary>The domain as an address's key has it.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>The <see cref="InvitationKit.Ports.EmailDomainKind"/>.</summary>
    public int Kind { get; set; }
}
