using InvitationKit.Ports;

namespace InvitationKit.Samples.Web.Data;

/// <summary>
/// The host's accounts, as the kit's account directory port sees them. A real app reads its own accounts table; the demo
/// has one account with a small user limit, so a batch over it is easy to show.
/// </summary>
public sealed class DemoAccounts : IAccountDirectory
{
    /// <summary>The demo account.</summary>
    public static AccountInfo Acme { get; } = new("acme", "Acme Corp", UserLimit: 5);

    /// <summary>The product everyone is invited into.</summary>
    public const string ProductId = "cloud";

    /// <inheritdoc />
    public Task<AccountInfo?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(accountId == Acme.Id ? Acme : null);
}
