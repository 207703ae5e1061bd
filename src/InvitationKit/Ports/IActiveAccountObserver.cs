namespace InvitationKit.Ports;

/// <summary>Told when accepting an invitation to a latest-account-only product supersedes the user's previous account. Optional.</summary>
public interface IActiveAccountObserver
{
    /// <summary>Called after the acceptance is stored.</summary>
    /// <param name="change">The user, product, new and superseded accounts.</param>
    /// <param name="cancellationToken">Cancels the notification.</param>
    /// <returns>A task that completes when the host has handled it.</returns>
    Task OnActiveAccountChangedAsync(ActiveAccountChange change, CancellationToken cancellationToken);
}

/// <summary>A user's active account for a latest-account-only product changed.</summary>
/// <param name="UserId">The user.</param>
/// <param name="ProductId">The product.</param>
/// <param name="AccountId">The account that is now active.</param>
/// <param name="SupersededAccountId">The account that was active before; null when there was none.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record ActiveAccountChange(string UserId, string ProductId, string AccountId, string? SupersededAccountId);
