using InvitationKit.Diagnostics;
using InvitationKit.Ports;

namespace InvitationKit;

/// <summary>
/// Rule 19: an account the host disabled (<see cref="AccountInfo.IsDisabled"/>) refuses every operation with
/// <see cref="InvitationErrorCode.AccountDisabled"/> — checked after the refusals that keep an account from strangers, so
/// only those who may act on it learn that it is disabled.
/// </summary>
internal sealed partial class InvitationManager
{
    /// <summary>The refusal when the host disabled the account; null when it is enabled, or unknown (the caller's concern).</summary>
    private InvitationError? EnsureEnabled(AccountInfo? account)
    {
        if (account is not { IsDisabled: true })
        {
            return null;
        }

        Log.AccountDisabled(_logger, account.Id);
        return InvitationErrors.AccountDisabled();
    }

    /// <summary>Reads the account of an invitation and refuses when the host disabled it.</summary>
    private async Task<InvitationError?> EnsureEnabledAsync(string accountId, CancellationToken cancellationToken) =>
        EnsureEnabled(await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false));
}
