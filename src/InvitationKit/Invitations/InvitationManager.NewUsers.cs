using InvitationKit.Diagnostics;
using InvitationKit.Ports;

namespace InvitationKit;

internal sealed partial class InvitationManager
{
    // Rule 10: new users are created pending activation only once the batch is stored; if that fails the batch is
    // withdrawn, and so are the users this invite created.
    private async Task CreatePendingUsersAsync(List<PlannedRecipient> planned, InvitationBatch batch, CancellationToken cancellationToken)
    {
        var attempted = new List<EmailAddress>();
        try
        {
            foreach (var recipient in planned.Where(p => p.Kind == InvitationKind.NewUser))
            {
                if (recipient.DirectoryUser is null)
                {
                    attempted.Add(recipient.Email); // before the call: a call whose reply is lost may have created the user
                }

                await _users.CreatePendingUserAsync(recipient.Email, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            Log.BatchWithdrawn(_logger, exception, batch.AccountId);
            var withdrawn = false;
            try
            {
                await _stores.Invitations.DeleteNewAsync(batch.Invitations.Select(i => i.Id).ToArray(), CancellationToken.None).ConfigureAwait(false);
                withdrawn = true;
            }
            catch (Exception compensation)
            {
                // The original failure is what the caller must see. The batch stays stored with its leases, so the
                // dispatcher still mails it, and its users stay: nothing is half-done, the invitees get their mail later.
                Log.WithdrawalFailed(_logger, compensation, batch.AccountId);
            }

            if (withdrawn)
            {
                await RemoveCreatedUsersAsync(attempted, batch.AccountId).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// After a withdrawal: deletes the users this invite created, unless another pending invitation (of any account)
    /// names the address. A user left behind cannot sign in, the next invitation of the address reuses it, and the host's
    /// registration releases it (<see cref="ReleasePendingUserAsync(string, CancellationToken)"/>) — so a failure here is
    /// logged and never replaces the original exception.
    /// </summary>
    private async Task RemoveCreatedUsersAsync(List<EmailAddress> created, string accountId)
    {
        var now = _clock.GetCurrentInstant();
        foreach (var email in created)
        {
            try
            {
                var pending = await _stores.Invitations.FindPendingByEmailAsync(email.Key, null, CancellationToken.None).ConfigureAwait(false);
                if (!pending.Any(i => InvitationStatusMachine.EffectiveStatus(i, now) == InvitationStatus.Pending)
                    && await _users.FindByEmailAsync(email, CancellationToken.None).ConfigureAwait(false) is { State: UserState.PendingActivation } user)
                {
                    await _users.DeletePendingUserAsync(user.Id, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception exception)
            {
                Log.PendingUserRemovalFailed(_logger, exception, accountId);
            }
        }
    }

    /// <summary>The directory's users of a batch's addresses, by email key: in one query when it can (<see cref="IUserBatchLookup"/>).</summary>
    private async Task<IReadOnlyDictionary<string, DirectoryUser>> FindUsersAsync(IReadOnlyList<EmailAddress> emails, CancellationToken cancellationToken)
    {
        if (_users is IUserBatchLookup batch)
        {
            return await batch.FindByEmailsAsync(emails, cancellationToken).ConfigureAwait(false);
        }

        var found = new Dictionary<string, DirectoryUser>(StringComparer.Ordinal);
        foreach (var email in emails)
        {
            if (await _users.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false) is { } user)
            {
                found[email.Key] = user;
            }
        }

        return found;
    }
}
