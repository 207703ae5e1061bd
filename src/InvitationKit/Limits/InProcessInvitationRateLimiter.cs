using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace InvitationKit.Limits;

/// <summary>
/// Fixed windows per (operation, partition) in this process, built on <see cref="PartitionedRateLimiter"/>. Idle
/// partitions are dropped by the limiter itself, so memory follows active callers, not all callers ever seen.
/// </summary>
internal sealed class InProcessInvitationRateLimiter : IInvitationRateLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<(RateLimitedOperation Operation, string Key)> _limiter;

    public InProcessInvitationRateLimiter(IOptions<InvitationKitOptions> options)
    {
        var rules = options.Value.RateLimits.Rules().ToDictionary(r => r.Operation, r => r.Rule);
        _limiter = PartitionedRateLimiter.Create<(RateLimitedOperation Operation, string Key), (RateLimitedOperation, string)>(resource =>
        {
            var rule = rules.GetValueOrDefault(resource.Operation, RateLimitRule.Off);
            return rule.IsOn
                ? RateLimitPartition.GetFixedWindowLimiter(resource, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = rule.PermitLimit,
                    Window = rule.Window.ToTimeSpan(),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(resource);
        });
    }

    public ValueTask<RateLimitDecision> AcquireAsync(RateLimitedOperation operation, string partitionKey, int permits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = _limiter.AttemptAcquire((operation, partitionKey), permits);
        if (lease.IsAcquired)
        {
            return ValueTask.FromResult(RateLimitDecision.Granted);
        }

        Duration? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Duration.FromTimeSpan(wait) : null;
        return ValueTask.FromResult(new RateLimitDecision(false, retryAfter));
    }

    public void Dispose() => _limiter.Dispose();
}
