namespace InvitationKit.Limits;

/// <summary>
/// The throttle the manager asks before each rate-limited operation, and the sender before each mail. The default keeps
/// fixed windows in process, counted on the kit's <see cref="NodaTime.IClock"/>; a host with several instances may plug
/// a distributed one (e.g. over Redis), and should read time from the same clock so a fake clock drives it too.
/// </summary>
public interface IInvitationRateLimiter
{
    /// <summary>Tries to take <paramref name="permits"/> permits from the partition's window without waiting.</summary>
    /// <param name="operation">What is counted.</param>
    /// <param name="partitionKey">Who or what is counted (an actor, account, invitation id, email key, client key, or a recipient's keyed hash).</param>
    /// <param name="permits">How many permits (recipients for invites, 1 otherwise).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether they were granted and, if not, when to retry.</returns>
    ValueTask<RateLimitDecision> AcquireAsync(RateLimitedOperation operation, string partitionKey, int permits, CancellationToken cancellationToken);
}
