namespace InvitationKit;

/// <summary>
/// The safety net of invitation mail: sends what is due — mail whose first attempt failed and is due for a retry, and
/// mail whose sender died before it could say what happened — and marks overdue invitations expired.
/// <c>InvitationKit.Hosting</c> runs it in the background; a host with its own scheduler (Hangfire, Quartz, a cron job)
/// resolves it from a scope and calls it.
/// </summary>
/// <remarks>
/// Safe on many instances at once: each send claims its invitation by compare-and-swap, so one mail is never sent twice
/// at once, and a claim whose holder died lapses after <see cref="InvitationDeliveryOptions.LeaseTimeout"/>.
/// </remarks>
public interface IInvitationDispatcher
{
    /// <summary>Sends up to <paramref name="maxMessages"/> due mails, each with a freshly issued secret and code.</summary>
    /// <param name="maxMessages">The most mails to send in this call; 1..1000.</param>
    /// <param name="cancellationToken">Stops between mails; a mail being sent is left to its lease.</param>
    /// <returns>What was done.</returns>
    Task<DispatchReport> DispatchAsync(int maxMessages = 100, CancellationToken cancellationToken = default);
}
